// fetch: one request through the fetch engine, for callers that want a
// single document and a Result (the engine holds the only libcurl setup).

#include "net/fetcher.h"

#include <utility>

#include "net/fetch_engine.h"

namespace omvarld::net {

Result<FetchResult> fetch(const std::string& url, const FetchOptions& options) {
  EngineOptions engine;
  engine.fetch = options;
  const FetchRequest request{.key = url, .url = url, .etag = {}, .last_modified = {}};
  FetchOutcome outcome;
  outcome.error = url + ": the fetch engine gave no answer";
  fetch_all(std::span(&request, 1), engine, [&outcome](FetchOutcome&& done) { outcome = std::move(done); });
  if (outcome.status != FetchStatus::kOk) {
    const Errc code = outcome.failure == FetchFailure::kHttpStatus ? Errc::kHttpStatus : Errc::kFetchFailed;
    return fail(code, "fetch " + outcome.error);
  }
  FetchResult result;
  result.http_status = outcome.http_status;
  result.body = std::move(outcome.body);
  result.content_type = std::move(outcome.content_type);
  result.effective_url = std::move(outcome.effective_url);
  return result;
}

}  // namespace omvarld::net
