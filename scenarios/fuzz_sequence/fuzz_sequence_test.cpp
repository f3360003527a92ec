// The stateful API fuzzer: the same bytes decode to the same sequence, the same
// seed generates the same sequence, a sequence survives its JSON form, a replay
// file reproduces its finding, seeded campaigns on the embedded reference find
// re-enabled defects, and the unmodified reference yields no finding. Budgets
// are sequence counts, so the outcome does not depend on the machine's speed.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "harness/data_dir.hpp"
#include "harness/embedded_target.hpp"
#include "harness/fuzz_campaign.hpp"
#include "harness/fuzz_generator.hpp"
#include "harness/fuzz_options.hpp"
#include "harness/fuzz_replay.hpp"
#include "harness/fuzz_runner.hpp"
#include "reference/service/service_log.hpp"

namespace rm::harness::fuzz {
namespace {

class FuzzSequence : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // Fixture databases are FileStores that sync every write; tmpfs keeps the suite fast.
    std::error_code error;
    if (std::getenv("TMPDIR") == nullptr && std::filesystem::is_directory("/dev/shm", error)) {
      ::setenv("TMPDIR", "/dev/shm", 0);
    }
    set_service_log_sink([](std::string_view) {});
  }
};

CampaignResult campaign(EmbeddedTarget& target, std::uint64_t seed, std::int64_t sequences,
                        int max_findings = 1) {
  SequenceRunner runner(target, RunnerOptions{});
  CampaignOptions options;
  options.seed = seed;
  options.max_sequences = sequences;
  options.max_findings = max_findings;
  return run_campaign(runner, Capabilities::all(), options);
}

TEST_F(FuzzSequence, DecodingIsDeterministic) {
  std::vector<std::uint8_t> bytes;
  for (int i = 0; i < 400; ++i) bytes.push_back(static_cast<std::uint8_t>((i * 37 + 11) % 251));
  const Sequence a = decode_sequence(bytes, Capabilities::all(), Limits{});
  const Sequence b = decode_sequence(bytes, Capabilities::all(), Limits{});
  EXPECT_EQ(a, b);
  EXPECT_FALSE(a.steps.empty());
  EXPECT_LE(a.steps.size(), 24u);
  // Short and empty inputs are short sequences, not errors.
  EXPECT_TRUE(decode_sequence({}, Capabilities::all(), Limits{}).steps.empty());
  const std::vector<std::uint8_t> one = {3};
  EXPECT_NO_THROW(decode_sequence(one, Capabilities::all(), Limits{}));
}

TEST_F(FuzzSequence, GenerationFromASeedIsReproducible) {
  const Limits limits{16};
  for (std::uint64_t seed : {1u, 2u, 99u}) {
    const Sequence a = generate_sequence(seed, Capabilities::all(), limits);
    EXPECT_EQ(a, generate_sequence(seed, Capabilities::all(), limits));
    EXPECT_EQ(a, decode_sequence(seed_bytes(seed, limits), Capabilities::all(), limits));
    EXPECT_EQ(a.steps.size(), 16u);
  }
  EXPECT_NE(generate_sequence(1, Capabilities::all(), limits),
            generate_sequence(2, Capabilities::all(), limits));
}

TEST_F(FuzzSequence, ASequenceSurvivesItsJsonForm) {
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    const Sequence sequence = generate_sequence(seed, Capabilities::all(), Limits{});
    EXPECT_EQ(sequence_from_json(to_json(sequence)), sequence) << to_json(sequence).dump();
  }
  EXPECT_THROW(sequence_from_json(Json{{"steps", {{{"op", "no_such_op"}}}}}),
               std::invalid_argument);
}

TEST_F(FuzzSequence, StepKindsWithoutTheirHookAreNotGenerated) {
  Capabilities none;
  none.llm = none.store = none.store_gate = none.fixture_db = false;
  EXPECT_EQ(none.skipped().size(), 4u);
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    const Sequence sequence = generate_sequence(seed, none, Limits{});
    EXPECT_TRUE(sequence.fixture.empty());
    for (const SeqStep& step : sequence.steps) {
      EXPECT_EQ(step.kind, SeqStep::Kind::kCall) << describe(step);
    }
  }
  Capabilities no_store_gate = Capabilities::all();
  no_store_gate.store_gate = false;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    for (const SeqStep& step : generate_sequence(seed, no_store_gate, Limits{}).steps) {
      if (step.kind == SeqStep::Kind::kConcurrent) {
        EXPECT_EQ(step.rule["component"], "llm");
      }
    }
  }
}

TEST_F(FuzzSequence, TheUnmodifiedReferenceYieldsNoFinding) {
  EmbeddedTarget reference;
  const CampaignResult result = campaign(reference, 1, 60, 10);
  EXPECT_EQ(result.sequences, 60);
  EXPECT_GT(result.steps, 60 * 20);
  for (const CampaignFinding& found : result.findings) {
    ADD_FAILURE() << found.finding.key() << "\n"
                  << found.finding.evidence << "\n"
                  << to_json(found.sequence).dump(2);
  }
}

// A short seeded campaign against the reference with one audited defect back
// finds a violation of that issue's contract.
class DefectFound : public FuzzSequence, public ::testing::WithParamInterface<const char*> {};

TEST_P(DefectFound, WithinAShortCampaign) {
  const auto issue = parse_issue_id(GetParam());
  ASSERT_TRUE(issue);
  EmbeddedTarget target{DefectSwitch(*issue)};
  const CampaignResult result = campaign(target, 1, 200);
  ASSERT_EQ(result.findings.size(), 1u) << "no finding in " << result.sequences << " sequences";
  const CampaignFinding& found = result.findings.front();
  EXPECT_EQ(found.finding.issue, GetParam()) << found.finding.key();
  EXPECT_LE(found.sequence.steps.size(), found.original_steps);
}

INSTANTIATE_TEST_SUITE_P(Defects, DefectFound,
                         ::testing::Values("API-001", "API-002", "API-003", "API-010", "API-011",
                                           "API-012", "API-013"),
                         [](const auto& info) {
                           std::string name = info.param;
                           name.erase(name.find('-'), 1);
                           return name;
                         });

TEST_F(FuzzSequence, AReplayFileReproducesItsFinding) {
  EmbeddedTarget defective{DefectSwitch(Issue::kApi002)};
  const CampaignResult result = campaign(defective, 1, 200);
  ASSERT_EQ(result.findings.size(), 1u);
  const CampaignFinding& found = result.findings.front();
  const ScratchDir dir;
  const std::filesystem::path file = dir.path() / "finding.json";
  write_replay(Replay{found.sequence, found.finding, "embedded", "API-002", found.seed}, file);
  const Replay replay = read_replay(file);
  EXPECT_EQ(replay.sequence, found.sequence);
  ASSERT_TRUE(replay.finding);
  EXPECT_EQ(replay.finding->key(), found.finding.key());
  EXPECT_EQ(replay.defect, std::optional<std::string>("API-002"));

  // The same sequence shows the same finding again, on a fresh target.
  EmbeddedTarget again{DefectSwitch(Issue::kApi002)};
  SequenceRunner runner(again, RunnerOptions{});
  const SequenceResult rerun = runner.run(replay.sequence);
  ASSERT_TRUE(rerun.finding);
  EXPECT_EQ(rerun.finding->key(), found.finding.key());
  // ... and nothing on the reference, where the defect is fixed.
  EmbeddedTarget reference;
  SequenceRunner clean(reference, RunnerOptions{});
  EXPECT_FALSE(clean.run(replay.sequence).finding);
}

TEST(FuzzOptionsTest, TheCommandLine) {
  const auto parsed = parse_fuzz_cli({"--target", "embedded", "--seconds=5", "--seed", "7",
                                      "--defect", "api-2", "--max-steps", "10"});
  ASSERT_TRUE(parsed.options) << parsed.error;
  EXPECT_EQ(parsed.options->seconds, 5);
  EXPECT_EQ(parsed.options->seed, 7u);
  EXPECT_EQ(parsed.options->max_steps, 10);
  EXPECT_EQ(parsed.options->report_dir, "reports/out/fuzz");
  EXPECT_EQ(parsed.options->target_arguments(), "--target embedded --defect API-002");

  // A sequence budget alone bounds the run; otherwise 60 s.
  EXPECT_FALSE(parse_fuzz_cli({"--target", "embedded", "--sequences", "9"}).options->seconds);
  EXPECT_EQ(parse_fuzz_cli({"--target", "process"}).options->seconds, 60);
  const auto replay = parse_fuzz_cli({"--replay", "f.json", "--defect", "none"});
  ASSERT_TRUE(replay.options);
  EXPECT_TRUE(replay.options->no_defect);
  EXPECT_TRUE(parse_fuzz_cli({"--matrix"}).options);
  const auto cmd = parse_fuzz_cli({"--target-cmd", "./start.sh {port}"});
  ASSERT_TRUE(cmd.options);
  EXPECT_EQ(cmd.options->target.kind, TargetKind::kCommand);

  for (const std::vector<std::string>& bad :
       std::vector<std::vector<std::string>>{{},
                                             {"--target", "nowhere"},
                                             {"--target", "embedded", "--seconds", "0"},
                                             {"--target", "embedded", "--defect", "API-99"},
                                             {"--matrix", "--defect", "API-001"},
                                             {"--target", "embedded", "--seed", "1", "--seed", "2"},
                                             {"--target", "embedded", "--frobnicate"}}) {
    EXPECT_FALSE(parse_fuzz_cli(bad).options) << ::testing::PrintToString(bad);
  }
}

}  // namespace
}  // namespace rm::harness::fuzz
