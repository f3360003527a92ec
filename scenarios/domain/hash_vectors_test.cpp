// The preview hash against the shared vectors (the contract) and our own edge
// cases (fixtures/extra-hash-vectors.json, computed with Python's stdlib).
#include <gtest/gtest.h>

#include "reference/domain/preview_hash.hpp"
#include "reference/domain/resume_data.hpp"
#include "scenarios/domain/fixture_files.hpp"

namespace rm {
namespace {

void check_resume_vectors(const Json& vectors) {
  ASSERT_TRUE(vectors.is_array());
  ASSERT_FALSE(vectors.empty());
  for (std::size_t i = 0; i < vectors.size(); ++i) {
    const Json& v = vectors[i];
    SCOPED_TRACE("vector " + std::to_string(i) + " " + v.value("name", std::string()));
    const ResumeDataCheck check = validate_resume_data(v.at("input"));
    ASSERT_TRUE(check.ok()) << *check.error;
    EXPECT_EQ(check.data, v.at("model_dump"));
    const std::string canonical = canonical_json(check.data);
    EXPECT_EQ(canonical, v.at("canonical").get<std::string>());
    EXPECT_EQ(sha256_hex(canonical), v.at("sha256").get<std::string>());
    EXPECT_EQ(preview_hash(check.data), v.at("sha256").get<std::string>());
  }
}

TEST(HashVectors, SharedSpecVectors) {
  check_resume_vectors(
      test::read_json_file(test::shared_spec_file("hash-vectors.json")).at("vectors"));
}

TEST(HashVectors, ExtraResumeVectors) {
  check_resume_vectors(
      test::read_json_file(test::fixture_file("extra-hash-vectors.json")).at("vectors"));
}

TEST(HashVectors, ExtraCanonicalVectors) {
  const Json vectors =
      test::read_json_file(test::fixture_file("extra-hash-vectors.json")).at("canonical_vectors");
  ASSERT_FALSE(vectors.empty());
  for (const Json& v : vectors) {
    SCOPED_TRACE(v.at("name").get<std::string>());
    const std::string canonical = canonical_json(v.at("input"));
    EXPECT_EQ(canonical, v.at("canonical").get<std::string>());
    EXPECT_EQ(sha256_hex(canonical), v.at("sha256").get<std::string>());
  }
}

std::string from_hex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

TEST(HashVectors, InvalidUtf8IsReplacedNotFatal) {
  const Json vectors =
      test::read_json_file(test::fixture_file("extra-hash-vectors.json")).at("utf8_repair_vectors");
  ASSERT_FALSE(vectors.empty());
  for (const Json& v : vectors) {
    SCOPED_TRACE(v.at("name").get<std::string>());
    const std::string bytes = from_hex(v.at("bytes_hex").get<std::string>());
    EXPECT_EQ(nfc_normalize(bytes), v.at("nfc").get<std::string>());
  }
}

TEST(HashVectors, InvalidUtf8InsideJsonStillHashes) {
  // nlohmann::json accepts any bytes in a string built in code; canonical_json
  // must neither throw nor emit invalid UTF-8.
  Json value = {{"bad\xff", "x\xc3"}};
  EXPECT_EQ(canonical_json(value), "{\"bad\xEF\xBF\xBD\":\"x\xEF\xBF\xBD\"}");
  EXPECT_EQ(preview_hash(value).size(), 64u);
}

TEST(HashVectors, Sha256KnownAnswers) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(HashVectors, CasefoldIsFullFoldingAfterNfc) {
  EXPECT_EQ(casefold("Stra\xC3\x9F"
                     "E"),
            "strasse");                                    // ß -> ss
  EXPECT_EQ(casefold("E\xCC\x81"), "\xC3\xA9");            // É (NFD) -> é
  EXPECT_EQ(casefold("\xC3\x89"), casefold("e\xCC\x81"));  // NFC and NFD agree
}

TEST(HashVectors, KeyOrderOfInputDoesNotMatter) {
  const Json a = Json::parse(R"({"summary":"x","personalInfo":{"name":"n","email":"e"}})");
  const Json b = Json::parse(R"({"personalInfo":{"email":"e","name":"n"},"summary":"x"})");
  EXPECT_EQ(preview_hash(validate_resume_data(a).data), preview_hash(validate_resume_data(b).data));
}

TEST(HashVectors, NfdAndNfcInputsHashAlike) {
  const Json nfd = {{"summary", "Cafe\xCC\x81"}};
  const Json nfc = {{"summary", "Caf\xC3\xA9"}};
  EXPECT_EQ(preview_hash(validate_resume_data(nfd).data),
            preview_hash(validate_resume_data(nfc).data));
}

}  // namespace
}  // namespace rm
