// StatementCache: a statement leased again is the one given back, reset and
// unbound; two leases of the same SQL at once are two statements.

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "storage/sqlite.h"

namespace omvarld::storage::sqlite {
namespace {

class StatementCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = open(":memory:");
    ASSERT_TRUE(opened) << opened.error().message;
    db_ = std::move(*opened);
    ASSERT_TRUE(execute(db_.get(), "CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3)",
                        {"create", "test"}));
    cache_.emplace(db_.get());
  }
  void TearDown() override { cache_.reset(); }

  // The values of `sql` with ?1 bound to `from` (left unbound when null).
  std::string values(Statement& query, std::optional<std::int64_t> from) {
    if (from) query.bind(1, *from);
    std::string seen;
    for (;;) {
      auto row = query.step();
      if (!row) return "error: " + row.error().message;
      if (!*row) return seen;
      seen += query.is_null(0) ? "null " : std::to_string(query.int64(0)) + " ";
    }
  }

  static constexpr std::string_view kAbove = "SELECT n FROM t WHERE ?1 IS NULL OR n > ?1 ORDER BY n";
  Database db_;
  std::optional<StatementCache> cache_;
};

TEST_F(StatementCacheTest, AStatementGivenBackMidWayComesBackResetAndUnbound) {
  {
    auto first = cache_->lease(kAbove, {"read", "test"});
    ASSERT_TRUE(first) << first.error().message;
    first->bind(1, std::int64_t{1});
    auto row = first->step();  // one row read, two left
    ASSERT_TRUE(row && *row);
    EXPECT_EQ(first->int64(0), 2);
    EXPECT_EQ(cache_->kept(), 0u);
  }
  EXPECT_EQ(cache_->kept(), 1u);
  auto again = cache_->lease(kAbove, {"read again", "test"});
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(cache_->kept(), 0u);  // the kept one, leased
  EXPECT_EQ(values(*again, std::nullopt), "1 2 3 ");
  EXPECT_EQ(again->task().what, "read again");
}

TEST_F(StatementCacheTest, TwoLeasesOfOneSqlAtOnceAreTwoStatementsAndOneIsKept) {
  {
    auto outer = cache_->lease(kAbove, {"outer", "test"});
    auto inner = cache_->lease(kAbove, {"inner", "test"});
    ASSERT_TRUE(outer && inner);
    outer->bind(1, std::int64_t{2});
    auto row = outer->step();
    ASSERT_TRUE(row && *row);
    EXPECT_EQ(values(*inner, 0), "1 2 3 ");  // not disturbed by the outer one
    EXPECT_EQ(outer->int64(0), 3);
  }
  EXPECT_EQ(cache_->kept(), 1u);
  {
    auto other = cache_->lease("SELECT COUNT(*) FROM t", {"count", "test"});
    ASSERT_TRUE(other);
    EXPECT_EQ(values(*other, std::nullopt), "3 ");
  }
  EXPECT_EQ(cache_->kept(), 2u);
}

TEST_F(StatementCacheTest, SqlThatDoesNotPrepareSaysWhatWasDoneAndKeepsNothing) {
  auto bad = cache_->lease("SELECT n FROM nowhere", {"read the void", "source x"});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("storage: read the void (source x): no such table: nowhere"),
            std::string::npos)
      << bad.error().message;
  EXPECT_EQ(cache_->kept(), 0u);
}

// A statement kept across a change of the schema is prepared again by
// SQLite when next stepped, as any prepared statement is.
TEST_F(StatementCacheTest, AKeptStatementFollowsAChangedSchema) {
  {
    auto all = cache_->lease("SELECT * FROM t", {"read", "test"});
    ASSERT_TRUE(all);
  }
  ASSERT_TRUE(execute(db_.get(), "ALTER TABLE t ADD COLUMN label TEXT DEFAULT 'x'", {"alter", "test"}));
  auto all = cache_->lease("SELECT * FROM t", {"read", "test"});
  ASSERT_TRUE(all);
  auto row = all->step();
  ASSERT_TRUE(row && *row) << (row ? "" : row.error().message);
  EXPECT_EQ(all->text(1), "x");
}

}  // namespace
}  // namespace omvarld::storage::sqlite
