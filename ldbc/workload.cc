// ldbc/workload.cc — reads ldbc/queries/*.cypher and ldbc/params.json.
#include "ldbc/workload.h"

#include <fstream>
#include <sstream>

#include <entente/json.h>
#include <nlohmann/json.hpp>

namespace entente::ldbc {

namespace {

bool readText(const std::string& file, std::string* out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *out = s.str();
  return true;
}

}  // namespace

Expected<std::vector<Read>> readWorkload(const std::string& ldbc_dir) {
  std::string params_text;
  const std::string params_file = ldbc_dir + "/params.json";
  if (!readText(params_file, &params_text))
    return Error(ErrorCode::kIOError, params_file + ": cannot read");
  nlohmann::json params = nlohmann::json::parse(params_text, nullptr, false);
  if (params.is_discarded() || !params.is_object())
    return Error(ErrorCode::kInvalidInput, params_file + ": not a JSON object");
  std::vector<std::string> names;
  for (int i = 1; i <= 14; ++i) names.push_back("ic" + std::to_string(i));
  for (int i = 1; i <= 7; ++i) names.push_back("is" + std::to_string(i));
  std::vector<Read> reads;
  for (const auto& name : names) {
    Read r;
    r.name = name;
    const std::string file = ldbc_dir + "/queries/" + name + ".cypher";
    if (!readText(file, &r.text)) return Error(ErrorCode::kIOError, file + ": cannot read");
    if (!params.contains(name) || !params[name].is_array())
      return Error(ErrorCode::kInvalidInput, params_file + ": no parameter sets for " + name);
    for (const auto& set : params[name]) {
      r.params_json.push_back(set.dump());
      auto map = paramsFromJson(r.params_json.back());
      if (!map) return Error(ErrorCode::kInvalidInput, params_file + ": " + map.error().message());
      r.params.push_back(std::move(*map));
    }
    reads.push_back(std::move(r));
  }
  return reads;
}

}  // namespace entente::ldbc
