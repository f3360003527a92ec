// uuid4 and Python-style isoformat timestamps.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <thread>
#include <vector>

#include "reference/domain/ids.hpp"

namespace rm {
namespace {

TEST(Ids, Uuid4Format) {
  const std::regex pattern("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  for (int i = 0; i < 100; ++i) {
    const std::string id = new_uuid4();
    EXPECT_TRUE(std::regex_match(id, pattern)) << id;
  }
}

TEST(Ids, Uuid4UniqueAcrossThreads) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 2000;
  std::vector<std::vector<std::string>> results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&results, t] {
      for (int i = 0; i < kPerThread; ++i) results[t].push_back(new_uuid4());
    });
  }
  for (auto& th : threads) th.join();
  std::set<std::string> all;
  for (const auto& r : results) all.insert(r.begin(), r.end());
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kThreads * kPerThread));
}

TEST(Ids, IsoformatWithMicroseconds) {
  using namespace std::chrono;
  const sys_days day = year{2025} / January / 31;
  const auto t = day + hours{12} + minutes{34} + seconds{56} + microseconds{123456};
  EXPECT_EQ(format_iso8601(t), "2025-01-31T12:34:56.123456+00:00");
  EXPECT_EQ(format_iso8601(day + microseconds{7}), "2025-01-31T00:00:00.000007+00:00");
}

TEST(Ids, IsoformatOmitsZeroMicrosecondsLikePython) {
  using namespace std::chrono;
  const sys_days day = year{1999} / December / 31;
  EXPECT_EQ(format_iso8601(day + hours{23} + minutes{59} + seconds{59}),
            "1999-12-31T23:59:59+00:00");
}

TEST(Ids, IsoformatTruncatesSubMicroseconds) {
  using namespace std::chrono;
  const sys_days day = year{2024} / February / 29;
  const auto t = time_point_cast<system_clock::duration>(day + nanoseconds{1999});
  EXPECT_EQ(format_iso8601(t), "2024-02-29T00:00:00.000001+00:00");
}

TEST(Ids, NowHasThePythonShape) {
  const std::regex pattern(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?\+00:00$)");
  EXPECT_TRUE(std::regex_match(now_iso8601(), pattern)) << now_iso8601();
}

}  // namespace
}  // namespace rm
