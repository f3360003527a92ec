// The harness command line and the target factory.
#include <gtest/gtest.h>

#include "harness/cli_options.hpp"
#include "harness/target_factory.hpp"

namespace rm::harness {
namespace {

CliOptions parse_ok(const std::vector<std::string>& args) {
  const CliParse parsed = parse_cli(args);
  EXPECT_TRUE(parsed.options.has_value()) << parsed.error;
  return parsed.options.value_or(CliOptions{});
}

std::string parse_error(const std::vector<std::string>& args) {
  const CliParse parsed = parse_cli(args);
  EXPECT_FALSE(parsed.options.has_value());
  return parsed.error;
}

TEST(Cli, RunEmbeddedWithEverything) {
  const CliOptions o = parse_ok({"run", "--target", "embedded", "--issues", "API-001,10",
                                 "--issues=api-2", "--scenario", "x", "--seed", "7", "--repeat=20",
                                 "--report", "out", "--defect", "API-007"});
  EXPECT_EQ(o.command, CliOptions::Command::kRun);
  EXPECT_EQ(o.target.kind, TargetKind::kEmbedded);
  EXPECT_EQ(o.issues, (std::vector<std::string>{"API-001", "API-010", "API-002"}));
  EXPECT_EQ(o.scenario, "x");
  EXPECT_EQ(o.seed, 7u);
  EXPECT_EQ(o.repeat, 20);
  EXPECT_EQ(o.report_dir, "out");
  EXPECT_EQ(o.target.defect, Issue::kApi007);
  EXPECT_EQ(o.replay_target(), "--target embedded");
}

TEST(Cli, TargetKinds) {
  EXPECT_EQ(parse_ok({"run", "--target", "process"}).target.kind, TargetKind::kProcess);
  const CliOptions url =
      parse_ok({"run", "--target", "http://127.0.0.1:8000/", "--mock-llm-port", "9100"});
  EXPECT_EQ(url.target.kind, TargetKind::kUrl);
  EXPECT_EQ(url.target.url, "http://127.0.0.1:8000");
  EXPECT_EQ(url.target.mock_llm_port, 9100);
  EXPECT_EQ(url.replay_target(), "--target http://127.0.0.1:8000 --mock-llm-port 9100");
  const CliOptions command = parse_ok({"run", "--target-cmd", "./start.sh {port} 'it''s'"});
  EXPECT_EQ(command.target.kind, TargetKind::kCommand);
  EXPECT_EQ(command.target.command, "./start.sh {port} 'it''s'");
  EXPECT_EQ(command.replay_target(), "--target-cmd './start.sh {port} '\\''it'\\'''\\''s'\\'''");
  EXPECT_EQ(parse_ok({"run", "--target", "command", "--target-cmd", "x"}).target.kind,
            TargetKind::kCommand);
}

TEST(Cli, TimeFlags) {
  const CliOptions defaults = parse_ok({"run", "--target", "process"});
  EXPECT_EQ(defaults.target.request_timeout, kDefaultRequestTimeout);
  EXPECT_EQ(defaults.target.llm_timeout_hold, kDefaultLlmTimeoutHold);
  EXPECT_EQ(defaults.replay_target(), "--target process");
  const CliOptions o = parse_ok({"run", "--target-cmd", "./start.sh {port}", "--request-timeout",
                                 "600", "--llm-timeout-hold=5"});
  EXPECT_EQ(o.target.request_timeout, std::chrono::seconds(600));
  EXPECT_EQ(o.target.llm_timeout_hold, std::chrono::seconds(5));
  // A replay waits as long as the run did: the waits decide what a timeout scenario sees.
  EXPECT_EQ(o.replay_target(),
            "--target-cmd './start.sh {port}' --request-timeout 600 --llm-timeout-hold 5");
  EXPECT_NE(parse_error({"run", "--target", "process", "--request-timeout", "0"})
                .find("--request-timeout"),
            std::string::npos);
  EXPECT_NE(
      parse_error({"run", "--target", "process", "--llm-timeout-hold", "2s"}).find("whole seconds"),
      std::string::npos);
  const CliOptions rules = parse_ok({"run", "--target", "http://h:1", "--llm-rules", "r.json"});
  EXPECT_EQ(rules.target.llm_rules_file, "r.json");
  EXPECT_EQ(rules.replay_target(), "--target http://h:1 --llm-rules 'r.json'");
}

TEST(Cli, BaselineDiffAndShard) {
  const CliOptions gate = parse_ok({"run", "--target", "embedded", "--baseline", "known.json",
                                    "--strict-baseline", "--shard", "2/3"});
  EXPECT_EQ(gate.baseline, "known.json");
  EXPECT_TRUE(gate.strict_baseline);
  EXPECT_EQ(gate.shard, std::make_pair(2, 3));
  for (const char* bad : {"0/3", "4/3", "3", "a/b", "1/0"}) {
    EXPECT_NE(parse_error({"run", "--target", "embedded", "--shard", bad}).find("--shard"),
              std::string::npos)
        << bad;
  }
  const CliOptions write = parse_ok({"baseline", "write", "out/results.json", "-o", "b.json"});
  EXPECT_EQ(write.command, CliOptions::Command::kBaselineWrite);
  EXPECT_EQ(write.files, std::vector<std::string>{"out/results.json"});
  EXPECT_EQ(write.output, "b.json");
  EXPECT_NE(parse_error({"baseline", "write", "r.json"}).find("usage"), std::string::npos);
  const CliOptions matrix = parse_ok({"matrix", "--issues", "API-007", "--report", "out"});
  EXPECT_EQ(matrix.command, CliOptions::Command::kMatrix);
  EXPECT_EQ(matrix.report_dir, "out");
  EXPECT_NE(parse_error({"matrix", "--target", "process"}).find("'matrix' takes"),
            std::string::npos);
  const CliOptions diff = parse_ok({"diff", "old.json", "new.json"});
  EXPECT_EQ(diff.command, CliOptions::Command::kDiff);
  EXPECT_EQ(diff.files, (std::vector<std::string>{"old.json", "new.json"}));
  EXPECT_NE(parse_error({"diff", "old.json"}).find("two files"), std::string::npos);
}

TEST(Cli, ScheduleExploration) {
  const CliOptions replay =
      parse_ok({"run", "--target", "embedded", "--scenario", "concurrent_first_uploads_one_master",
                "--schedule", "1.1.2", "--preemptions", "3", "--max-schedules", "50"});
  EXPECT_EQ(replay.schedule, (std::vector<int>{1, 1, 2}));
  EXPECT_EQ(replay.preemptions, 3);
  EXPECT_EQ(replay.max_schedules, 50);
  EXPECT_TRUE(parse_ok({"run", "--target", "embedded", "--no-explore"}).no_explore);
  EXPECT_TRUE(parse_ok({"run", "--target", "embedded", "--explore-only"}).explore_only);
  EXPECT_NE(parse_error({"run", "--target", "embedded", "--schedule", "1.2"}).find("--scenario"),
            std::string::npos);
  for (const char* bad : {"", "1..2", "0", "a"}) {
    EXPECT_NE(parse_error({"run", "--target", "embedded", "--scenario", "x", "--schedule", bad})
                  .find("--schedule"),
              std::string::npos)
        << bad;
  }
  EXPECT_NE(
      parse_error({"run", "--target", "embedded", "--preemptions", "-1"}).find("--preemptions"),
      std::string::npos);
  EXPECT_NE(parse_error({"run", "--target", "embedded", "--no-explore", "--explore-only"})
                .find("contradicts"),
            std::string::npos);
}

TEST(Cli, HelpAndList) {
  EXPECT_EQ(parse_ok({"--help"}).command, CliOptions::Command::kHelp);
  EXPECT_EQ(parse_ok({"run", "--target", "embedded", "-h"}).command, CliOptions::Command::kHelp);
  EXPECT_EQ(parse_ok({"list"}).command, CliOptions::Command::kList);
  const std::string usage = cli_usage();
  for (const char* word : {"embedded", "process", "--target-cmd", "store_gate", "fixture_db",
                           "not_testable", "not_observed", "Exit codes", "--request-timeout",
                           "--llm-timeout-hold", "target.log", "143"}) {
    EXPECT_NE(usage.find(word), std::string::npos) << word;
  }
}

TEST(Cli, Errors) {
  EXPECT_NE(parse_error({}).find("no command"), std::string::npos);
  EXPECT_NE(parse_error({"go"}).find("unknown command"), std::string::npos);
  EXPECT_NE(parse_error({"run"}).find("needs --target"), std::string::npos);
  EXPECT_NE(parse_error({"run", "--target", "ftp://x"}).find("--target"), std::string::npos);
  EXPECT_NE(parse_error({"run", "--target", "embedded", "--issues", "API-14"}).find("API-14"),
            std::string::npos);
  EXPECT_NE(parse_error({"run", "--target", "embedded", "--seed", "-1"}).find("--seed"),
            std::string::npos);
  EXPECT_NE(parse_error({"run", "--target", "embedded", "--repeat", "0"}).find("--repeat"),
            std::string::npos);
  EXPECT_NE(parse_error({"run", "--target", "embedded", "--mock-llm-port", "70000"}).find("port"),
            std::string::npos);
  EXPECT_NE(parse_error({"run", "--target", "embedded", "--seed"}).find("needs a value"),
            std::string::npos);
  EXPECT_NE(parse_error({"run", "--target", "embedded", "--bogus"}).find("--bogus"),
            std::string::npos);
  EXPECT_NE(parse_error({"run", "--target", "embedded", "--target", "process"}).find("twice"),
            std::string::npos);
  EXPECT_NE(parse_error({"run", "--target", "http://h:1", "--defect", "API-001"}).find("--defect"),
            std::string::npos);
  EXPECT_NE(parse_error({"run", "--target", "process", "--target-cmd", "x"}).find("--target-cmd"),
            std::string::npos);
  EXPECT_NE(parse_error({"list", "--seed", "1"}).find("list"), std::string::npos);
}

TEST(TargetFactory, EmbeddedIsBuilt) {
  TargetOptions options;
  options.defect = Issue::kApi005;
  const auto target = make_target(options);
  ASSERT_NE(target, nullptr);
  EXPECT_EQ(target->describe(), "embedded --defect API-005");
}

}  // namespace
}  // namespace rm::harness
