#include "harness/fuzz_replay.hpp"

#include <fstream>
#include <stdexcept>

namespace rm::harness::fuzz {

Json replay_json(const Replay& replay) {
  Json json{{"format", "rm-fuzz-replay"},
            {"version", 1},
            {"target", replay.target},
            {"defect", replay.defect ? Json(*replay.defect) : Json(nullptr)},
            {"seed", replay.seed ? Json(*replay.seed) : Json(nullptr)},
            {"sequence", to_json(replay.sequence)}};
  if (replay.finding) {
    json["finding"] = {{"issue", replay.finding->issue},
                       {"clause", replay.finding->clause},
                       {"evidence", replay.finding->evidence},
                       {"step", replay.finding->step}};
  }
  return json;
}

Replay read_replay(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  const Json json = Json::parse(in, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    throw std::runtime_error(file.string() + " is not a JSON object");
  }
  if (json.value("format", "") != "rm-fuzz-replay") {
    throw std::runtime_error(file.string() + ": not a fuzz replay file (format rm-fuzz-replay)");
  }
  Replay replay;
  try {
    replay.sequence = sequence_from_json(json.at("sequence"));
  } catch (const std::exception& error) {
    throw std::runtime_error(file.string() + ": " + error.what());
  }
  replay.target = json.value("target", "");
  if (json.contains("defect") && json["defect"].is_string()) replay.defect = json["defect"];
  if (json.contains("seed") && json["seed"].is_number_unsigned()) replay.seed = json["seed"];
  if (json.contains("finding") && json["finding"].is_object()) {
    const Json& f = json["finding"];
    replay.finding = FuzzFinding{f.value("issue", ""), f.value("clause", ""),
                                 f.value("evidence", ""), f.value("step", -1)};
  }
  return replay;
}

void write_replay(const Replay& replay, const std::filesystem::path& file) {
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << replay_json(replay).dump(2) << "\n";
  if (!out.flush()) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace rm::harness::fuzz
