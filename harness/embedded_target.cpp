#include "harness/embedded_target.hpp"

#include "harness/data_dir.hpp"
#include "harness/write_counting_store.hpp"

#include <stdlib.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <system_error>

#include "mocks/converter/text_document_converter.hpp"
#include "mocks/fault/actor_request.hpp"
#include "mocks/fault/faulty_converter.hpp"
#include "mocks/fault/faulty_llm.hpp"
#include "mocks/fault/faulty_store.hpp"
#include "mocks/fault/llm_wrapper.hpp"
#include "mocks/fault/scheduled_llm.hpp"
#include "mocks/fault/scheduled_store.hpp"
#include "mocks/llm/builtin_llm.hpp"
#include "mocks/settings/memory_settings_store.hpp"
#include "mocks/store/atomic_file.hpp"
#include "mocks/store/file_store.hpp"
#include "mocks/store/memory_store.hpp"
#include "mocks/store/store_journal.hpp"

namespace rm::harness {

// Counts every completion the service asks for, faulted or not: the in-process
// equivalent of calls arriving at the harness's mock LLM.
class EmbeddedTarget::CountingLlm : public LlmWrapper {
 public:
  using LlmWrapper::LlmWrapper;

  std::string parse_resume(const std::string& markdown) override {
    ++calls_;
    return LlmWrapper::parse_resume(markdown);
  }
  std::string extract_keywords(const std::string& job_description) override {
    ++calls_;
    return LlmWrapper::extract_keywords(job_description);
  }
  std::string improve(const ImproveInput& input) override {
    ++calls_;
    return LlmWrapper::improve(input);
  }
  std::string refine(const RefineInput& input) override {
    ++calls_;
    return LlmWrapper::refine(input);
  }
  std::string cover_letter(const MessageInput& input) override {
    ++calls_;
    return LlmWrapper::cover_letter(input);
  }
  std::string outreach(const MessageInput& input) override {
    ++calls_;
    return LlmWrapper::outreach(input);
  }

  std::int64_t calls() const { return calls_; }
  void reset() { calls_ = 0; }

 private:
  std::atomic<std::int64_t> calls_{0};
};

// What a restart replaces: the store as the service sees it, and the router.
struct EmbeddedTarget::Stack {
  std::shared_ptr<Store> inner;  // MemoryStore or FileStore, read without faults
  std::shared_ptr<FaultyStore> faulty;
  std::shared_ptr<ApiRouter> router;
};

namespace {}  // namespace

EmbeddedTarget::EmbeddedTarget(DefectSwitch defects, std::shared_ptr<Llm> model)
    : defects_(defects),
      llm_(std::make_shared<CountingLlm>(std::make_shared<ScheduledLlm>(
          std::make_shared<FaultyLlm>(model ? std::move(model) : std::make_shared<BuiltinLlm>(),
                                      injector_),
          scheduler_))) {
  reset();
}

EmbeddedTarget::~EmbeddedTarget() {
  // Held calls must leave the gates (and parked actors the scheduler) before the
  // stack they run on goes away.
  scheduler_->end();
  injector_->reset();
  {
    std::unique_lock lock(mutex_);
    stack_.reset();
  }
  remove_data_dir();
}

std::string EmbeddedTarget::describe() const {
  std::string text = "embedded";
  if (defects_.enabled()) text += " --defect " + issue_id(*defects_.enabled());
  return text;
}

HookStatus EmbeddedTarget::hook(Hook) { return HookStatus{true, {}}; }

std::shared_ptr<EmbeddedTarget::Stack> EmbeddedTarget::stack() const {
  std::shared_lock lock(mutex_);
  return stack_;
}

ApiResponse EmbeddedTarget::send(const ApiRequest& request) {
  // A copy of the stack: a restart while this request runs cannot pull the
  // router out from under it.
  const auto current = stack();
  return handle_as_actor(*scheduler_, request, [&current](const ApiRequest& tagged) {
    return current->router->handle(tagged);
  });
}

std::optional<std::uint64_t> EmbeddedTarget::schedule_begin() { return scheduler_->begin(); }

ScheduleState EmbeddedTarget::schedule_wait(int actors, int timeout_ms) {
  return scheduler_->wait_quiescent(actors, std::chrono::milliseconds(timeout_ms));
}

bool EmbeddedTarget::schedule_step(int actor) { return scheduler_->step(actor); }

void EmbeddedTarget::schedule_end() { scheduler_->end(); }

void EmbeddedTarget::install_plan(const FaultPlan& plan) { injector_->install(plan); }

void EmbeddedTarget::clear_plan() { injector_->clear(); }

int EmbeddedTarget::wait_for_arrivals(const std::string& gate, int count, int timeout_ms) {
  return static_cast<int>(
      injector_->gates().wait_for_arrivals(gate, count, std::chrono::milliseconds(timeout_ms)));
}

int EmbeddedTarget::release(const std::string& gate, bool all) {
  GateRegistry& gates = injector_->gates();
  return static_cast<int>(all ? gates.release_all(gate) : gates.release_one(gate));
}

Json EmbeddedTarget::journal() { return injector_->journal().to_json(); }

std::int64_t EmbeddedTarget::llm_calls() { return llm_->calls(); }

// With a fixture the store is a FileStore, and what is stored is what its file
// holds. The FileStore writes through, so file and memory agree, unless a write
// (e.g. the migration on open, API-005) never reached the disk: only the file
// shows that, so the file is read back.
std::optional<Json> EmbeddedTarget::store_tables() {
  const auto current = stack();
  if (data_dir_) {
    // What is on disk: database.json with the FileStore's journal applied.
    try {
      const auto tables = read_database_on_disk(data_dir_->path() / "database.json");
      if (tables && !tables->empty()) return *tables;
    } catch (const Json::parse_error& e) {
      throw std::runtime_error("embedded target: database.json is not valid JSON: " +
                               std::string(e.what()));
    }
  }
  return current->inner->export_tables();
}

void EmbeddedTarget::rebuild(std::shared_ptr<Store> inner) {
  ServicePorts ports;
  if (auto memory = std::dynamic_pointer_cast<MemoryStore>(inner))
    memory->observe_locks(scheduler_);
  auto faulty = std::make_shared<FaultyStore>(
      std::make_shared<WriteCountingStore>(inner, store_writes_), injector_);
  ports.store = std::make_shared<ScheduledStore>(faulty, scheduler_);
  ports.llm = llm_;
  ports.converter =
      std::make_shared<FaultyConverter>(std::make_shared<TextDocumentConverter>(), injector_);
  ports.settings = settings_;
  auto stack = std::make_shared<Stack>();
  stack->inner = std::move(inner);
  stack->faulty = std::move(faulty);
  stack->router =
      std::make_shared<ApiRouter>(std::make_shared<ResumeService>(std::move(ports), defects_));
  std::unique_lock lock(mutex_);
  stack_ = std::move(stack);
}

void EmbeddedTarget::reset(const std::optional<Json>& fixture_tables) {
  scheduler_->end();
  injector_->reset();  // no plan, held calls released, journal and gate counts emptied
  llm_->reset();
  settings_ = std::make_shared<MemorySettingsStore>();
  {
    // The old store (a FileStore on the old dir) goes before its dir does.
    std::unique_lock lock(mutex_);
    stack_.reset();
  }
  remove_data_dir();
  if (!fixture_tables) {
    rebuild(std::make_shared<MemoryStore>());
    return;
  }
  if (defects_.on(Issue::kApi005) || fixture_storage_ == FixtureStorage::kMemory) {
    // The audited backend had no open-time migration: its legacy records stay as
    // written, through restarts too. FileStore always migrates on open, which
    // would hide the defect's read path, so the records are kept in memory.
    rebuild(std::make_shared<MemoryStore>(*fixture_tables));
    return;
  }
  data_dir_.emplace();
  const std::filesystem::path file = data_dir_->path() / "database.json";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << fixture_tables->dump(4);
    if (!out.flush()) throw std::runtime_error("embedded target: cannot write " + file.string());
  }
  rebuild(std::make_shared<FileStore>(file));
}

void EmbeddedTarget::restart() {
  injector_->clear();  // a restarted process holds no calls at gates
  std::shared_ptr<Store> inner;
  {
    std::unique_lock lock(mutex_);
    inner = stack_->inner;
    stack_.reset();  // the service and router die with the "process"
  }
  if (data_dir_) {
    inner.reset();  // close the file before it is opened again
    inner = std::make_shared<FileStore>(data_dir_->path() / "database.json");
  }
  rebuild(std::move(inner));
}

bool EmbeddedTarget::mark() {
  const auto memory = std::dynamic_pointer_cast<MemoryStore>(stack()->inner);
  if (!memory) return false;
  memory->mark();
  return true;
}

bool EmbeddedTarget::read_store_tables(const std::function<void(const Json&)>& read) {
  const auto memory = std::dynamic_pointer_cast<MemoryStore>(stack()->inner);
  if (!memory) return false;
  memory->read_tables(read);
  return true;
}

bool EmbeddedTarget::rollback() {
  const auto current = stack();
  const auto memory = std::dynamic_pointer_cast<MemoryStore>(current->inner);
  if (!memory || !memory->rollback()) return false;
  current->faulty->forget_history();  // as a reset's new FaultyStore would know nothing
  settings_->save(Json::object());
  return true;
}

std::optional<std::filesystem::path> EmbeddedTarget::database_file() const {
  if (!data_dir_) return std::nullopt;
  return data_dir_->path() / "database.json";
}

void EmbeddedTarget::remove_data_dir() { data_dir_.reset(); }

}  // namespace rm::harness
