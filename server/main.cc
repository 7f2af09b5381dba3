// entente-server — serves one database over TCP (newline-delimited JSON; see server/server.h
// and docs/frontends.md for the protocol).
#include <CLI/CLI.hpp>

#include <iostream>

#include "server/server.h"

using namespace entente;
using namespace entente::server;

int main(int argc, char** argv) {
  ServerOptions o;
  int64_t timeout_ms = o.limits.query_timeout.count();
  int64_t slow_ms = o.limits.slow_query.count();
  int64_t idle_ms = o.idle_timeout.count();
  int64_t txn_idle_ms = o.transaction_timeout.count();
  bool no_sync = false;
  CLI::App app{"entente-server — the Entente query language over TCP (newline-delimited JSON)"};
  app.add_option("--db", o.db_path, "Database directory (created if missing)")->required();
  app.add_option("--port", o.port, "TCP port (0: any free port)")->capture_default_str();
  app.add_option("--bind", o.bind, "Address to listen on")->capture_default_str();
  app.add_option("--token", o.token, "Shared secret every request must carry as \"token\"");
  app.add_option("--max-request-bytes", o.limits.max_request_bytes, "Longest request line")
      ->capture_default_str();
  app.add_option("--query-timeout-ms", timeout_ms, "Time budget per query (0: none)")
      ->capture_default_str();
  app.add_option("--max-rows", o.limits.max_rows, "Most rows per result (0: no limit)")
      ->capture_default_str();
  app.add_option("--max-connections", o.max_connections, "Most clients at once")
      ->capture_default_str();
  app.add_option("--threads", o.threads, "Worker threads (0: two per core, at least 4)")
      ->capture_default_str();
  app.add_option("--slow-query-ms", slow_ms, "Log queries slower than this (0: never)")
      ->capture_default_str();
  app.add_option("--idle-timeout-ms", idle_ms, "Close connections idle this long (0: never)")
      ->capture_default_str();
  OpenOptions open_options;
  app.add_option("--import-dir", open_options.import_directory,
                 "Directory LOAD CSV reads from (file:///x.csv = DIR/x.csv); without it LOAD CSV "
                 "is refused")
      ->type_name("DIR");
  app.add_option("--transaction-timeout-ms", txn_idle_ms,
                 "Roll back a transaction idle this long between requests (0: never)")
      ->capture_default_str();
  app.add_flag("--no-sync", no_sync,
               "Acknowledge commits before they are fsynced: faster writes, but a power loss may "
               "lose the last acknowledged ones (kill -9 cannot)");
  CLI11_PARSE(app, argc, argv);
  o.limits.query_timeout = std::chrono::milliseconds(timeout_ms);
  o.limits.slow_query = std::chrono::milliseconds(slow_ms);
  o.idle_timeout = std::chrono::milliseconds(idle_ms);
  o.transaction_timeout = std::chrono::milliseconds(txn_idle_ms);
  if (o.limits.max_request_bytes == 0) o.limits.max_request_bytes = 1;

  open_options.sync_writes = !no_sync;
  auto db = Database::open(o.db_path, open_options);
  if (!db) {
    std::cerr << "Error: " << db.error().codeName() << ": " << db.error().message() << '\n';
    return 1;
  }
  Server server(**db, o);
  if (!server.listen()) return 1;
  std::cout << "listening on " << o.bind << ":" << server.port() << std::endl;
  logLine("serving " + o.db_path + (o.token.empty() ? "" : " (token required)"));
  server.run();
  logLine("stopped");
  return 0;
}
