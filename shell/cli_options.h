// shell/cli_options.h — the command line of `entente`, parsed with CLI11.
//
//   entente [PATH] [-c QUERY]... [--mode table|json|csv|dot] [--read FILE] [--param NAME=JSON]...
//           [--import-dir DIR] [--no-sync]
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "shell/output.h"

namespace entente::shell {

struct CliOptions {
  std::string path;                   // empty: scratch database with the bundled dataset
  std::vector<std::string> commands;  // -c, in order
  std::vector<std::string> read_files;
  OutputMode mode = OutputMode::kTable;
  std::vector<std::pair<std::string, std::string>> params;  // NAME, JSON text
  std::string import_dir;  // LOAD CSV reads only from here; empty: LOAD CSV refused
  bool no_sync = false;    // commits not fsynced (OpenOptions::sync_writes off)
};

//! Parses argv. On --help or a usage error returns nullopt and sets *exit_code (0 for help).
std::optional<CliOptions> parseCli(int argc, char** argv, int* exit_code);

}  // namespace entente::shell
