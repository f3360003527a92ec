#include "harness/url_target.hpp"

#include <cstdio>
#include <stdexcept>

#include "harness/http_call.hpp"

namespace rm::harness {

std::shared_ptr<MockLlmProcess> start_announced_mock(const TargetOptions& options) {
  std::shared_ptr<MockLlmProcess> mock;
  try {
    mock = std::make_shared<MockLlmProcess>((options.program_dir / "mock-llm").string(),
                                            options.mock_llm_port.value_or(0));
  } catch (const std::exception& error) {
    throw TargetUnavailable(error.what());
  }
  std::fprintf(stderr, "harness: mock LLM for the target: %s (OpenAI-compatible base URL)\n",
               mock->v1_url().c_str());
  return mock;
}

UrlTarget::UrlTarget(const TargetOptions& options) : HttpTarget(start_announced_mock(options)) {
  std::string url = options.url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  ApiRequest health;
  health.method = "GET";
  health.path = "/api/v1/health";
  try {
    http_call(url, health, std::chrono::seconds(30));
  } catch (const std::exception& error) {
    throw TargetUnavailable("target " + url + " is unreachable: " + error.what());
  }
  attach(url);
}

std::string UrlTarget::describe() const { return "url " + base_url(); }

void UrlTarget::reset(const std::optional<Json>& fixture_tables) {
  if (fixture_tables) {
    throw std::runtime_error("a url target cannot be given a fixture database");
  }
  reset_sides();
}

void UrlTarget::restart() {
  throw std::runtime_error("a url target cannot be restarted by the harness");
}

HookStatus UrlTarget::fixture_hook() {
  return {false,
          "fixture_db: the harness does not start a url target, so it cannot give it a "
          "database.json (use --target-cmd)"};
}

}  // namespace rm::harness
