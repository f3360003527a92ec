// Check: MUST / SHOULD bookkeeping, evidence, and the one-line exchange descriptions.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "harness/check.hpp"
#include "harness/requests.hpp"
#include "harness/verdict.hpp"

namespace rm::harness {
namespace {

TEST(Check, MustAndShouldFindings) {
  Check check;
  EXPECT_TRUE(check.must(true, "holds"));
  EXPECT_FALSE(check.should(false, "cover_letter_status says failed", "body: {...}"));
  EXPECT_FALSE(check.failed());  // a SHOULD never fails
  EXPECT_FALSE(check.must(false, "status is failed", "POST ... -> 200"));
  EXPECT_TRUE(check.failed());
  EXPECT_EQ(check.musts_checked(), 2);
  ASSERT_EQ(check.findings().size(), 2u);
  EXPECT_EQ(check.findings()[0].level, Finding::Level::kShould);
  EXPECT_EQ(check.findings()[1].what, "status is failed");
  EXPECT_EQ(check.findings()[1].evidence, "POST ... -> 200");
}

TEST(Check, EvidenceDefaultsToTheLastExchange) {
  Check check;
  check.saw(
      {get(api("/resumes"), {{"resume_id", "a b"}}), ApiResponse{404, {}, "{\"detail\":\"x\"}"}});
  check.must(false, "found");
  EXPECT_EQ(check.findings().at(0).evidence,
            "GET /api/v1/resumes?resume_id=a%20b -> 404 {\"detail\":\"x\"}");
}

TEST(Check, KeepsOnlyTheLastExchanges) {
  Check check;
  for (int i = 0; i < 20; ++i) check.saw({get("/" + std::to_string(i)), ApiResponse{}});
  EXPECT_LE(check.exchanges().size(), 8u);
  EXPECT_EQ(check.exchanges().back().request.path, "/19");
}

TEST(Check, TranscriptKeepsTheFirstExchangesUpToItsBound) {
  Check check;
  const std::size_t total = Check::kTranscriptExchanges + 5;
  for (std::size_t i = 0; i < total; ++i) {
    check.saw({get("/" + std::to_string(i)), ApiResponse{200, {}, std::string(2000, 'x')}});
  }
  ASSERT_EQ(check.transcript().size(), Check::kTranscriptExchanges);
  EXPECT_EQ(check.transcript_dropped(), 5u);
  EXPECT_EQ(check.transcript().front().request, "GET /0");
  // Bodies are shortened as in findings' evidence.
  EXPECT_LT(check.transcript().front().response.size(), 700u);
}

TEST(Check, FirstReasonWins) {
  Check check;
  check.not_testable("needs hook 'store'");
  check.not_testable("later");
  check.error("boom");
  check.error("later");
  EXPECT_EQ(check.not_testable_reason(), "needs hook 'store'");
  EXPECT_EQ(check.error_reason(), "boom");
}

TEST(Check, ThreadSafeRecording) {
  Check check;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 250; ++i) {
        check.saw({get("/x"), ApiResponse{}});
        check.must(i % 50 != 0, "every fiftieth fails");
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(check.musts_checked(), 1000);
  EXPECT_EQ(check.findings().size(), 20u);
  const Check copy = check;
  EXPECT_EQ(copy.findings().size(), 20u);
}

TEST(Describe, SummarisesUploadsAndBinaryBodies) {
  const Exchange exchange{
      upload("cv.pdf", "application/pdf", "hello"),
      ApiResponse{
          200, {{"content-type", "application/pdf"}}, std::string("%PDF-1.4\n\x00\x01\x02", 12)}};
  const std::string text = describe(exchange);
  EXPECT_NE(text.find("POST /api/v1/resumes/upload [multipart/form-data, "), std::string::npos)
      << text;
  EXPECT_NE(text.find("-> 200 [12 bytes application/pdf]"), std::string::npos) << text;
}

TEST(Describe, ShortensLongBodiesOnACharacterBoundary) {
  const std::string body = "{\"x\":\"" + std::string(100, 'a') + "\xc3\xa9" + "\"}";
  const std::string text =
      describe(Exchange{post_json("/p", Json::object()), ApiResponse{200, {}, body}}, 107);
  EXPECT_NE(text.find("... (" + std::to_string(body.size()) + " bytes)"), std::string::npos)
      << text;
  EXPECT_EQ(text.find("\xc3..."), std::string::npos);  // no half character
}

TEST(Describe, JudgesOnlyTheShownPartOfALongBody) {
  // Scanning all of a large body made describing a many-id answer quadratic.
  const std::string body = std::string(400, 'a') + std::string("\x00\x01", 2);
  const std::string text =
      describe(Exchange{post_json("/p", Json::object()), ApiResponse{200, {}, body}}, 100);
  EXPECT_NE(text.find(std::string(100, 'a') + "... (402 bytes)"), std::string::npos) << text;
  const std::string binary = std::string("\x00", 1) + std::string(400, 'a');
  EXPECT_NE(describe(Exchange{post_json("/p", Json::object()), ApiResponse{200, {}, binary}}, 100)
                .find("[401 bytes binary]"),
            std::string::npos);
}

TEST(Verdict, NamesRoundTrip) {
  for (Verdict v : {Verdict::kPass, Verdict::kFail, Verdict::kNotTestable, Verdict::kNotObserved,
                    Verdict::kError}) {
    EXPECT_EQ(parse_verdict(verdict_name(v)), v);
  }
  EXPECT_EQ(parse_verdict("passed"), std::nullopt);
  EXPECT_STREQ(verdict_name(Verdict::kNotObserved), "not_observed");
}

}  // namespace
}  // namespace rm::harness
