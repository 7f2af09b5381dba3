#include "shell/cli_options.h"

#include <CLI/CLI.hpp>

namespace entente::shell {

std::optional<CliOptions> parseCli(int argc, char** argv, int* exit_code) {
  CliOptions o;
  std::string mode = "table";
  std::vector<std::string> params;
  CLI::App app{
      "entente — the interactive shell of the Entente knowledge-graph database.\n"
      "Without PATH it opens a scratch database preloaded with the bundled Aleppo dataset."};
  app.add_option("path", o.path, "Database directory to open or create");
  app.add_option("-c,--command", o.commands, "Run QUERY (repeatable) and exit")->type_name("QUERY");
  app.add_option("--mode", mode, "Output mode")
      ->check(CLI::IsMember({"table", "json", "csv", "dot"}));
  app.add_option("--read", o.read_files, "Run the statements in FILE and exit")->type_name("FILE");
  app.add_option("--param", params, "Query parameter for -c statements (repeatable)")
      ->type_name("NAME=JSON");
  app.add_option("--import-dir", o.import_dir,
                 "Directory LOAD CSV reads from (file:///x.csv = DIR/x.csv); without it LOAD CSV "
                 "is refused")
      ->type_name("DIR");
  app.add_flag("--no-sync", o.no_sync,
               "Acknowledge commits before they are fsynced: faster writes, but a power loss may "
               "lose the last ones (kill -9 cannot)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    *exit_code = app.exit(e);
    return std::nullopt;
  }
  o.mode = *parseMode(mode);
  for (const auto& p : params) {
    size_t eq = p.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "Error: --param expects NAME=JSON, got '" << p << "'\n";
      *exit_code = 2;
      return std::nullopt;
    }
    o.params.emplace_back(p.substr(0, eq), p.substr(eq + 1));
  }
  return o;
}

}  // namespace entente::shell
