// api/bundled_dataset.cc — loadBundledDataset: finds data/ (ENTENTE_DATA_DIR in the
// environment, then ../share/entente/data next to the executable, then the source tree's
// data/ compiled in) and imports vocabulary.json then aleppo.json.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "api/convert.h"
#include "api/database_impl.h"

#ifndef ENTENTE_DATA_DIR
#define ENTENTE_DATA_DIR ""
#endif

namespace entente {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> candidateDirs() {
  std::vector<fs::path> dirs;
  if (const char* env = std::getenv("ENTENTE_DATA_DIR"); env && *env) dirs.emplace_back(env);
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) dirs.push_back(exe.parent_path().parent_path() / "share" / "entente" / "data");
  if (*ENTENTE_DATA_DIR) dirs.emplace_back(ENTENTE_DATA_DIR);
  return dirs;
}

}  // namespace

Expected<Stats> Database::loadBundledDataset() {
  return api::guarded([&]() -> Expected<Stats> {
    std::string tried;
    for (const auto& dir : candidateDirs()) {
      std::error_code ec;
      if (!fs::exists(dir / "aleppo.json", ec)) {
        tried += (tried.empty() ? "" : ", ") + dir.string();
        continue;
      }
      Stats total;
      for (const char* name : {"vocabulary.json", "aleppo.json"}) {
        fs::path file = dir / name;
        if (!fs::exists(file, ec)) continue;
        auto s = importJson(file.string());
        if (!s) return s.error();
        total.nodes_created += s->nodes_created;
        total.relationships_created += s->relationships_created;
        total.properties_set += s->properties_set;
        total.labels_added += s->labels_added;
      }
      return total;
    }
    return api::ioError("the bundled dataset (aleppo.json) was not found; looked in: " + tried +
                        " (set ENTENTE_DATA_DIR to the directory holding it)");
  });
}

}  // namespace entente
