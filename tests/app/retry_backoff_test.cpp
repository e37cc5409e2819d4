#include "app/retry_backoff.h"

#include <gtest/gtest.h>

namespace omvarld::app {
namespace {

using namespace std::chrono_literals;

TEST(RetryDelay, DoublesFromFiveMinutesUpToSixHoursLessUpToAFifth) {
  struct Case {
    int streak;
    double jitter;
    std::chrono::seconds delay;
  };
  const Case cases[] = {{1, 0.0, 5min},  {2, 0.0, 10min}, {3, 0.0, 20min}, {7, 0.0, 320min},
                        {8, 0.0, 6h},    {40, 0.0, 6h},   {1, 0.5, 270s},   {8, 0.999, 17284s}};
  for (const Case& c : cases) {
    SCOPED_TRACE(std::to_string(c.streak) + " failures, jitter " + std::to_string(c.jitter));
    EXPECT_EQ(retry_delay(c.streak, c.jitter), c.delay);
  }
}

}  // namespace
}  // namespace omvarld::app
