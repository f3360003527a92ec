// The canonical preview hash (reference/domain/preview_hash.*) on arbitrary JSON.
// Oracles:
//   - the same hash for every reordering of object keys in the text;
//   - the same hash when every string (and key) is in NFD instead of NFC;
//   - stable under parse(dump(x)) and under parse(canonical_json(x));
//   - for input that is a valid ResumeData, the same for its model dump;
//   - at start-up: equal to every vector of the shared spec's hash-vectors.json
//     (RM_HASH_VECTORS=path, else ../shared/spec next to the checkout; skipped
//     with a note when neither exists, e.g. on ClusterFuzzLite).
// Input: JSON text.
#include <utf8proc.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/support/oracle.hpp"
#include "mocks/store/python_json.hpp"
#include "reference/domain/preview_hash.hpp"
#include "reference/domain/resume_data.hpp"

#ifndef RM_SHARED_SPEC_DIR
#define RM_SHARED_SPEC_DIR "../shared/spec"
#endif

namespace {

constexpr const char* kTarget = "preview_hash";

// By length, not NUL-terminated: a string may hold U+0000.
std::string nfd(const std::string& text) {
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &out,
                   static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_DECOMPOSE));
  if (length < 0) return text;
  std::string result(reinterpret_cast<const char*>(out), static_cast<std::size_t>(length));
  std::free(out);
  return result;
}

// Every string and key in NFD; nullopt when two keys of one object would merge.
std::optional<rm::Json> to_nfd(const rm::Json& value) {
  if (value.is_string()) return rm::Json(nfd(value.get<std::string>()));
  if (value.is_array()) {
    rm::Json out = rm::Json::array();
    for (const rm::Json& item : value) {
      auto converted = to_nfd(item);
      if (!converted) return std::nullopt;
      out.push_back(std::move(*converted));
    }
    return out;
  }
  if (value.is_object()) {
    rm::Json out = rm::Json::object();
    for (const auto& [key, item] : value.items()) {
      auto converted = to_nfd(item);
      if (!converted) return std::nullopt;
      const std::string new_key = nfd(key);
      if (out.contains(new_key)) return std::nullopt;
      out[new_key] = std::move(*converted);
    }
    return out;
  }
  return value;
}

// The text with every object's keys in reverse order (an ordered parse keeps them).
std::string reversed_keys_text(const rm::OrderedJson& value) {
  if (value.is_object()) {
    std::string out = "{";
    std::vector<std::pair<std::string, const rm::OrderedJson*>> items;
    for (const auto& [key, item] : value.items()) items.emplace_back(key, &item);
    for (auto it = items.rbegin(); it != items.rend(); ++it) {
      if (out.size() > 1) out += ",";
      out += rm::OrderedJson(it->first).dump() + ":" + reversed_keys_text(*it->second);
    }
    return out + "}";
  }
  if (value.is_array()) {
    std::string out = "[";
    for (const rm::OrderedJson& item : value) {
      if (out.size() > 1) out += ",";
      out += reversed_keys_text(item);
    }
    return out + "]";
  }
  return value.dump();
}

void same_hash(const std::string& expected, const rm::Json& other, const char* property,
               const std::string& evidence) {
  const std::string got = rm::sha256_hex(rm::canonical_json(other));
  if (got != expected) rm::fuzz::oracle_failed(kTarget, property, evidence);
}

void check_vectors() {
  const char* override_path = std::getenv("RM_HASH_VECTORS");
  const std::string path =
      override_path ? override_path : std::string(RM_SHARED_SPEC_DIR) + "/hash-vectors.json";
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "preview_hash: %s not found; the spec's vectors are not compared\n",
                 path.c_str());
    return;
  }
  std::stringstream text;
  text << in.rdbuf();
  const rm::Json vectors = rm::Json::parse(text.str()).at("vectors");
  for (std::size_t i = 0; i < vectors.size(); ++i) {
    const rm::Json& vector = vectors[i];
    const rm::ResumeDataCheck checked = rm::validate_resume_data(vector.at("input"));
    const std::string where = path + " vector " + std::to_string(i);
    rm::fuzz::require(checked.ok(), kTarget, "a spec vector's input is refused", where);
    rm::fuzz::require(rm::canonical_json(checked.data) == vector.at("canonical"), kTarget,
                      "canonical JSON differs from the spec's vector", where);
    rm::fuzz::require(rm::preview_hash(checked.data) == vector.at("sha256"), kTarget,
                      "preview hash differs from the spec's vector", where);
  }
  std::fprintf(stderr, "preview_hash: %zu vectors of %s match\n", vectors.size(), path.c_str());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  check_vectors();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const rm::OrderedJson ordered = rm::OrderedJson::parse(text, nullptr, false);
  if (ordered.is_discarded()) return 0;
  const rm::Json value(ordered);
  const std::string canonical = rm::canonical_json(value);
  const std::string hash = rm::sha256_hex(canonical);
  const std::string evidence = rm::fuzz::shorten(canonical, 300);

  same_hash(hash, rm::Json::parse(reversed_keys_text(ordered)), "key order changes the hash",
            evidence);
  same_hash(hash, rm::Json::parse(value.dump()), "parse(dump(x)) changes the hash", evidence);
  same_hash(hash, rm::Json::parse(canonical), "parse(canonical_json(x)) changes the hash",
            evidence);
  if (const auto decomposed = to_nfd(value)) {
    same_hash(hash, *decomposed, "NFD strings change the hash", evidence);
  }
  if (value.is_object()) {
    const rm::ResumeDataCheck checked = rm::validate_resume_data(value);
    if (checked.ok()) {
      const std::string model_hash = rm::preview_hash(checked.data);
      const rm::ResumeDataCheck again = rm::validate_resume_data(checked.data);
      rm::fuzz::require(again.ok() && rm::preview_hash(again.data) == model_hash, kTarget,
                        "validating a model dump again changes its hash", evidence);
      if (const auto decomposed = to_nfd(value)) {
        const rm::ResumeDataCheck nfd_checked = rm::validate_resume_data(*decomposed);
        rm::fuzz::require(nfd_checked.ok() && rm::preview_hash(nfd_checked.data) == model_hash,
                          kTarget, "an NFD ResumeData hashes differently", evidence);
      }
    }
  }
  return 0;
}
