// libFuzzer target of the stateful API fuzzer (docs/fuzzing.md, "Stateful API
// fuzzer"): the input bytes decode into a sequence of API calls, fault rules,
// concurrent steps held at gates, restarts and a fixture start
// (harness/fuzz_generator.hpp), which runs on the embedded reference; after each
// step the fault contracts and the section 3 invariants are checked
// (harness/fuzz_oracle.hpp). A finding aborts with its replay JSON on stderr:
// save it as a file and run `harness fuzz --replay FILE --target embedded`.
//
// Environment:
//   RM_FUZZ_DEFECT=API-002   re-enable one audited defect (the kill matrix in-process)
//   RM_FUZZ_MAX_STEPS=N      top-level steps decoded per input (default 16)
#include <stdlib.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "harness/embedded_target.hpp"
#include "harness/fuzz_generator.hpp"
#include "harness/fuzz_replay.hpp"
#include "harness/fuzz_runner.hpp"
#include "reference/service/defects.hpp"
#include "reference/service/service_log.hpp"

namespace {

using namespace rm::harness;
using namespace rm::harness::fuzz;

struct Fuzzer {
  std::optional<std::string> defect;
  Limits limits{16};
  std::unique_ptr<EmbeddedTarget> target;
};

Fuzzer& fuzzer() {
  static Fuzzer instance = [] {
    Fuzzer f;
    if (const char* text = std::getenv("RM_FUZZ_DEFECT"); text != nullptr && *text != '\0') {
      const auto issue = rm::parse_issue_id(text);
      if (!issue) {
        std::fprintf(stderr,
                     "api_sequence: RM_FUZZ_DEFECT=%s is not an issue id (API-001..API-013)\n",
                     text);
        std::abort();
      }
      f.defect = rm::issue_id(*issue);
    }
    if (const char* text = std::getenv("RM_FUZZ_MAX_STEPS"); text != nullptr) {
      const int steps = std::atoi(text);
      if (steps > 0) f.limits.max_steps = steps;
    }
    // Fixture databases are FileStores that sync every write: on tmpfs that is free.
    std::error_code error;
    if (std::getenv("TMPDIR") == nullptr && std::filesystem::is_directory("/dev/shm", error)) {
      ::setenv("TMPDIR", "/dev/shm", 0);
    }
    rm::set_service_log_sink([](std::string_view) {});
    f.target = std::make_unique<EmbeddedTarget>(
        rm::DefectSwitch(f.defect ? rm::parse_issue_id(*f.defect) : std::nullopt));
    return f;
  }();
  return instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Fuzzer& f = fuzzer();
  const Sequence sequence = decode_sequence({data, size}, Capabilities::all(), f.limits);
  SequenceRunner runner(*f.target, RunnerOptions{});
  const SequenceResult result = runner.run(sequence);  // resets the target first
  if (result.finding) {
    const Replay replay{sequence, result.finding, f.target->describe(), f.defect, std::nullopt};
    std::fprintf(stderr, "api_sequence: FINDING %s\n--- replay file ---\n%s\n--- end ---\n",
                 result.finding->key().c_str(), replay_json(replay).dump(2).c_str());
    // abort() skips destructors: an empty reset removes a fixture's scratch dir first.
    f.target->reset();
    std::abort();
  }
  return 0;
}
