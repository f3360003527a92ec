// Store micro-benchmarks at 10 000 resumes: MemoryStore and FileStore (on disk,
// journal fdatasync'ed per write), reads, writes, the listing, and opening a
// 10 000-resume database.json.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "benchmarks/sample_resume.hpp"
#include "mocks/store/atomic_file.hpp"
#include "mocks/store/file_store.hpp"
#include "mocks/store/memory_store.hpp"
#include "mocks/store/python_json.hpp"

namespace rm {
namespace {

constexpr int kRecords = 10000;

NewResume sample_resume(int i) {
  NewResume r;
  r.content = "# Resume " + std::to_string(i) + "\n\nSenior Engineer, C++ and Python.";
  r.content_type = "md";
  r.filename = "cv" + std::to_string(i) + ".pdf";
  r.processed_data = bench::sample_resume_data(i);
  r.processing_status = "ready";
  return r;
}

// A temporary directory, removed with the object.
class BenchDir {
 public:
  BenchDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("rm-microbench-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~BenchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The store filled with kRecords resumes; returns their ids.
std::vector<std::string> fill(Store& store) {
  std::vector<std::string> ids;
  for (int i = 0; i < kRecords; ++i) {
    ids.push_back(store.create_resume(sample_resume(i), MasterPolicy::kMasterIfNone)["resume_id"]);
  }
  return ids;
}

// Writes a database.json holding kRecords resumes (built in memory: filling a
// FileStore write by write would measure the fill); returns their ids.
std::vector<std::string> write_filled_database(const std::filesystem::path& path) {
  MemoryStore memory;
  auto ids = fill(memory);
  write_file_atomically(path, to_python_json(memory.export_tables()));
  return ids;
}

struct Memory {
  std::unique_ptr<Store> store = std::make_unique<MemoryStore>();
};

// A FileStore opened on a filled database.json.
struct OnDisk {
  OnDisk() : ids(write_filled_database(dir.path() / "database.json")) {
    store = std::make_unique<FileStore>(dir.path() / "database.json");
  }
  BenchDir dir;
  std::vector<std::string> ids;
  std::unique_ptr<Store> store;
};

void BM_MemoryStore_GetResume(benchmark::State& state) {
  Memory m;
  const auto ids = fill(*m.store);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(m.store->get_resume(ids[(i++ * 7919) % ids.size()]));
  }
}
BENCHMARK(BM_MemoryStore_GetResume)->Unit(benchmark::kMicrosecond);

void BM_MemoryStore_ListSummaries(benchmark::State& state) {
  Memory m;
  fill(*m.store);
  for (auto _ : state) benchmark::DoNotOptimize(m.store->list_resume_summaries());
}
BENCHMARK(BM_MemoryStore_ListSummaries)->Unit(benchmark::kMillisecond);

void BM_MemoryStore_ListResumes(benchmark::State& state) {
  Memory m;
  fill(*m.store);
  for (auto _ : state) benchmark::DoNotOptimize(m.store->list_resumes());
}
BENCHMARK(BM_MemoryStore_ListResumes)->Unit(benchmark::kMillisecond);

void BM_MemoryStore_CreateResume(benchmark::State& state) {
  Memory m;
  fill(*m.store);
  int i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(m.store->create_resume(sample_resume(i++), MasterPolicy::kNotMaster));
  }
}
BENCHMARK(BM_MemoryStore_CreateResume)->Unit(benchmark::kMicrosecond);

void BM_FileStore_CreateResume(benchmark::State& state) {
  OnDisk d;
  int i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(d.store->create_resume(sample_resume(i++), MasterPolicy::kNotMaster));
  }
}
BENCHMARK(BM_FileStore_CreateResume)->Unit(benchmark::kMicrosecond)->Iterations(200);

void BM_FileStore_UpdateResume(benchmark::State& state) {
  OnDisk d;
  const auto& ids = d.ids;
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        d.store->update_resume(ids[(i++ * 7919) % ids.size()], {{"cover_letter", "Dear team"}}));
  }
}
BENCHMARK(BM_FileStore_UpdateResume)->Unit(benchmark::kMicrosecond)->Iterations(200);

void BM_FileStore_Open10k(benchmark::State& state) {
  BenchDir dir;
  const auto path = dir.path() / "database.json";
  write_filled_database(path);
  state.counters["file_MB"] = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
  for (auto _ : state) {
    FileStore store(path);
    benchmark::DoNotOptimize(store.stats());
  }  // closing a store that wrote nothing writes nothing
}
BENCHMARK(BM_FileStore_Open10k)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace rm
