// reference-server's command line.
#include <gtest/gtest.h>

#include "reference/server/server_options.hpp"

namespace rm {
namespace {

TEST(ServerOptions, Defaults) {
  const OptionsParse parsed = parse_server_options({});
  ASSERT_TRUE(parsed.options) << parsed.error;
  EXPECT_EQ(parsed.options->host, "127.0.0.1");
  EXPECT_FALSE(parsed.options->data_dir);
  EXPECT_FALSE(parsed.options->defect);
  EXPECT_FALSE(parsed.options->help);
}

TEST(ServerOptions, EveryFlagBothSpellings) {
  const OptionsParse parsed = parse_server_options({"--host", "0.0.0.0", "--port=0", "--threads",
                                                    "3", "--data-dir=/tmp/d", "--defect", "api-7"});
  ASSERT_TRUE(parsed.options) << parsed.error;
  EXPECT_EQ(parsed.options->host, "0.0.0.0");
  EXPECT_EQ(parsed.options->port, 0);
  EXPECT_EQ(parsed.options->threads, 3);
  EXPECT_EQ(parsed.options->data_dir, std::filesystem::path("/tmp/d"));
  EXPECT_EQ(parsed.options->defect, Issue::kApi007);
  EXPECT_TRUE(parse_server_options({"--help"}).options->help);
}

TEST(ServerOptions, InvalidArgumentsAreErrors) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"--bogus"},
                                             {"positional"},
                                             {"--port"},
                                             {"--port", "65536"},
                                             {"--port", "-1"},
                                             {"--port", "80x"},
                                             {"--threads", "0"},
                                             {"--defect", "API-014"},
                                             {"--defect", "nope"},
                                             {"--host="},
                                             {"--data-dir", ""},
                                             {"--help=yes"}}) {
    const OptionsParse parsed = parse_server_options(args);
    EXPECT_FALSE(parsed.options) << args.front();
    EXPECT_FALSE(parsed.error.empty()) << args.front();
  }
}

TEST(ServerOptions, UsageNamesEveryFlag) {
  const std::string usage = server_usage("reference-server");
  for (const char* flag : {"--host", "--port", "--threads", "--data-dir", "--defect", "--help"}) {
    EXPECT_NE(usage.find(flag), std::string::npos) << flag;
  }
}

}  // namespace
}  // namespace rm
