#pragma once
// The reference, in-process: ResumeService over MemoryStore (or a FileStore on a
// fixture), BuiltinLlm and TextDocumentConverter, each wrapped in its Faulty*
// decorator, all sharing one FaultInjector, and reached through ApiRouter so that
// every request takes the same route as over HTTP. Every hook is available.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <shared_mutex>

#include "harness/data_dir.hpp"
#include "harness/target.hpp"
#include "mocks/fault/fault_injector.hpp"
#include "mocks/fault/scheduler.hpp"
#include "reference/http/api_router.hpp"
#include "reference/ports/llm.hpp"
#include "reference/service/defects.hpp"

namespace rm::harness {

class EmbeddedTarget : public Target {
 public:
  // `model` is the language model behind the fault and counting wrappers
  // (BuiltinLlm when null); the LLM-answer fuzzer passes one that returns its input.
  explicit EmbeddedTarget(DefectSwitch defects = {}, std::shared_ptr<Llm> model = nullptr);
  ~EmbeddedTarget() override;
  EmbeddedTarget(const EmbeddedTarget&) = delete;
  EmbeddedTarget& operator=(const EmbeddedTarget&) = delete;

  std::string describe() const override;
  HookStatus hook(Hook hook) override;
  ApiResponse send(const ApiRequest& request) override;
  void install_plan(const FaultPlan& plan) override;
  void clear_plan() override;
  int wait_for_arrivals(const std::string& gate, int count, int timeout_ms) override;
  int release(const std::string& gate, bool all) override;
  Json journal() override;
  std::int64_t llm_calls() override;
  std::optional<Json> store_tables() override;
  // With fixture tables: a fresh temporary data dir whose database.json holds
  // them, opened as a FileStore (legacy records migrate on open); with the
  // API-005 defect, as the audited backend did, without migration (a
  // MemoryStore on the tables). Without: an empty MemoryStore. Settings start
  // empty either way.
  void reset(const std::optional<Json>& fixture_tables = std::nullopt) override;
  // Where reset() puts fixture tables. kFile (the default) is the above. kMemory
  // keeps them as they are in a MemoryStore: it restores a state this target made
  // itself (a fuzzer's snapshot) without a data dir and a file write per input.
  enum class FixtureStorage { kFile, kMemory };
  void set_fixture_storage(FixtureStorage storage) { fixture_storage_ = storage; }
  // FileStore: reopened on the same database.json. MemoryStore: kept as is.
  // The service and router are rebuilt; the settings survive.
  void restart() override;
  // A fuzzer's fresh start per input, without a reset's rebuild: mark() remembers
  // the store as it is now; rollback() puts it back at the cost of what changed
  // since (MemoryStore::rollback) and empties the settings, as reset() does. Both
  // are false when the store is not a MemoryStore, rollback() also when nothing
  // is marked (a reset drops the mark; a restart keeps it with the store).
  bool mark();
  bool rollback();
  // store_tables() without its copy: calls `read` with the MemoryStore's tables
  // and returns true, or returns false when the store is a FileStore.
  bool read_store_tables(const std::function<void(const Json&)>& read);

  // How many store calls that may write have reached the store so far (every
  // store, across resets and restarts): equal counts mean nothing was written.
  std::uint64_t store_writes() const { return store_writes_->load(); }
  // The database.json of the current fixture, if any (for tests and reports).
  std::optional<std::filesystem::path> database_file() const;

  std::optional<std::uint64_t> schedule_begin() override;
  ScheduleState schedule_wait(int actors, int timeout_ms) override;
  bool schedule_step(int actor) override;
  void schedule_end() override;

 private:
  class CountingLlm;
  struct Stack;
  std::shared_ptr<Stack> stack() const;
  void rebuild(std::shared_ptr<Store> inner);
  void remove_data_dir();

  DefectSwitch defects_;
  std::shared_ptr<FaultInjector> injector_ = std::make_shared<FaultInjector>();
  // Before llm_: the LLM decorator holds it.
  std::shared_ptr<Scheduler> scheduler_ = std::make_shared<Scheduler>();
  std::shared_ptr<CountingLlm> llm_;
  std::shared_ptr<SettingsStore> settings_;
  std::optional<ScratchDir> data_dir_;
  FixtureStorage fixture_storage_ = FixtureStorage::kFile;
  std::shared_ptr<std::atomic<std::uint64_t>> store_writes_ =
      std::make_shared<std::atomic<std::uint64_t>>(0);
  mutable std::shared_mutex mutex_;  // guards stack_; send() holds it shared
  std::shared_ptr<Stack> stack_;
};

}  // namespace rm::harness
