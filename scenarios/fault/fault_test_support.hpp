#pragma once
// Helpers shared by the fault suite's tests.
#include <memory>
#include <string>
#include <string_view>

#include "mocks/fault/fault_injector.hpp"
#include "mocks/fault/fault_plan.hpp"
#include "mocks/fault/faulty_store.hpp"
#include "mocks/store/memory_store.hpp"

namespace rm::fault_test {

inline FaultPlan plan_from(std::string_view json_text) {
  return FaultPlan::from_json(Json::parse(json_text));
}

// The journal with its times removed: what must repeat exactly for a plan + seed.
inline Json without_times(Json journal) {
  for (auto& entry : journal) entry.erase("t_ms");
  return journal;
}

inline NewResume sample_resume(const std::string& name) {
  NewResume resume;
  resume.content = "# " + name + "\n";
  resume.content_type = "md";
  resume.filename = name + ".md";
  return resume;
}

// A MemoryStore behind a FaultyStore, sharing one injector.
struct FaultyMemoryStore {
  std::shared_ptr<MemoryStore> inner = std::make_shared<MemoryStore>();
  std::shared_ptr<FaultInjector> injector = std::make_shared<FaultInjector>();
  std::shared_ptr<FaultyStore> store = std::make_shared<FaultyStore>(inner, injector);

  void install(std::string_view plan_json) { injector->install(plan_from(plan_json)); }
};

}  // namespace rm::fault_test
