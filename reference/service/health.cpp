// GET /health and GET /status.
#include "reference/service/resume_service.hpp"
#include "reference/service/service_support.hpp"

namespace rm {

using namespace service_detail;

namespace {

LlmHealth checked_health(Llm& llm) {
  try {
    return llm.health();
  } catch (const std::exception& e) {
    LlmHealth health;
    health.error = e.what();
    return health;
  }
}

Json llm_json(const LlmHealth& health) {
  Json llm{{"healthy", health.healthy}, {"provider", health.provider}, {"model", health.model}};
  if (!health.error.empty()) llm["error"] = health.error;
  return llm;
}

}  // namespace

Json ResumeService::health() {
  const LlmHealth health = checked_health(*ports_.llm);
  return Json{{"status", health.healthy ? "healthy" : "degraded"}, {"llm", llm_json(health)}};
}

Json ResumeService::status() {
  const LlmHealth health = checked_health(*ports_.llm);
  const StoreStats stats = ports_.store->stats();
  return Json{
      {"status", health.healthy && stats.has_master_resume ? "ready" : "setup_required"},
      {"llm_configured", !health.provider.empty()},
      {"llm_healthy", health.healthy},
      {"has_master_resume", stats.has_master_resume},
      {"database_stats",
       {{"total_resumes", stats.total_resumes},
        {"total_jobs", stats.total_jobs},
        {"total_improvements", stats.total_improvements},
        {"has_master_resume", stats.has_master_resume}}},
  };
}

}  // namespace rm
