// The shell's dot-commands: one table gives each its usage, help line and handler, so
// `.help`, completion and dispatch cannot disagree.
#include <fstream>
#include <optional>
#include <sstream>

#include "entente/json.h"
#include "shell/shell.h"

namespace entente::shell {
namespace {

// Words of a dot-command line; "double quotes" keep blanks inside a file name.
std::vector<std::string> splitArgs(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i >= text.size()) break;
    std::string word;
    if (text[i] == '"') {
      size_t end = text.find('"', i + 1);
      if (end == std::string_view::npos) end = text.size();
      word = std::string(text.substr(i + 1, end - i - 1));
      i = end + 1;
    } else {
      while (i < text.size() && text[i] != ' ' && text[i] != '\t') word += text[i++];
    }
    out.push_back(std::move(word));
  }
  return out;
}

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

struct DotCommands {
  using Handler = bool (*)(Shell&, const std::vector<std::string>& args, std::string_view rest);
  struct Entry {
    const char* name;
    const char* usage;
    const char* help;
    Handler handler;
  };

  static bool usage(Shell& sh, const Entry& e) {
    sh.printError(Error(ErrorCode::kArgumentError,
                        std::string("usage: ") + e.name + (*e.usage ? " " : "") + e.usage));
    return false;
  }

  static bool help(Shell& sh, const std::vector<std::string>&, std::string_view) {
    sh.out_ << dotCommandHelp();
    sh.out_.flush();
    return true;
  }
  static bool schema(Shell& sh, const std::vector<std::string>&, std::string_view) {
    return sh.runStatement("SHOW SCHEMA");
  }
  static bool mode(Shell& sh, const std::vector<std::string>& args, std::string_view) {
    if (args.empty()) {
      sh.out_ << "mode: " << modeName(sh.mode_) << '\n';
      return true;
    }
    auto m = parseMode(args[0]);
    if (!m || args.size() > 1) return usage(sh, find(".mode"));
    sh.mode_ = *m;
    return true;
  }
  static bool timer(Shell& sh, const std::vector<std::string>& args, std::string_view) {
    if (args.size() != 1 || (args[0] != "on" && args[0] != "off")) return usage(sh, find(".timer"));
    sh.timer_ = args[0] == "on";
    return true;
  }
  static bool read(Shell& sh, const std::vector<std::string>& args, std::string_view) {
    if (args.size() != 1) return usage(sh, find(".read"));
    return sh.runFile(args[0]);
  }
  static bool import(Shell& sh, const std::vector<std::string>& args, std::string_view) {
    std::optional<Expected<Stats>> imported;
    if (args.size() == 2) {
      imported = sh.db_.importCsv(args[0], args[1]);
    } else if (args.size() == 1 && (endsWith(args[0], ".jsonl") || endsWith(args[0], ".ndjson"))) {
      imported = sh.db_.importJsonLines(args[0]);
    } else if (args.size() == 1 && endsWith(args[0], ".json")) {
      imported = sh.db_.importJson(args[0]);
    } else {
      return usage(sh, find(".import"));
    }
    const Expected<Stats>& stats = *imported;
    if (!stats) {
      sh.printError(stats.error());
      return false;
    }
    sh.vocabulary_stale_ = true;
    std::string summary = statsSummary(*stats);
    sh.out_ << "Imported" << (summary.empty() ? std::string(" nothing") : ": " + summary) << '\n';
    sh.out_.flush();
    return true;
  }
  static bool exportFile(Shell& sh, const std::vector<std::string>& args, std::string_view) {
    if (args.size() == 2 && args[1] == "--dot") {
      if (!sh.last_result_) {
        sh.printError(Error(ErrorCode::kArgumentError, ".export --dot: no result yet"));
        return false;
      }
      std::ofstream out(args[0]);
      writeDot(out, *sh.last_result_);
      if (!out.flush()) {
        sh.printError(Error(ErrorCode::kIOError, "cannot write " + args[0]));
        return false;
      }
      return true;
    }
    if (args.size() != 1) return usage(sh, find(".export"));
    auto ok = sh.db_.exportJson(args[0]);
    if (!ok) sh.printError(ok.error());
    return ok.ok();
  }
  static bool param(Shell& sh, const std::vector<std::string>& args, std::string_view rest) {
    if (args.empty()) return usage(sh, find(".param"));
    if (args.size() == 1) {  // `.param NAME` forgets NAME
      sh.params_.erase(args[0]);
      return true;
    }
    std::string_view json = trim(rest.substr(rest.find(args[0]) + args[0].size()));
    auto value = valueFromJson(json);
    if (!value) {
      sh.printError(value.error());
      return false;
    }
    sh.params_[args[0]] = *value;
    return true;
  }
  static bool params(Shell& sh, const std::vector<std::string>&, std::string_view) {
    for (const auto& [name, value] : sh.params_)
      sh.out_ << '$' << name << " = " << toJson(value) << '\n';
    sh.out_.flush();
    return true;
  }
  static bool quit(Shell& sh, const std::vector<std::string>&, std::string_view) {
    sh.quit_ = true;
    return true;
  }

  static const std::vector<Entry>& table() {
    static const std::vector<Entry> entries = {
        {".help", "", "Show this list", help},
        {".schema", "", "Show labels, relation types and their declarations (SHOW SCHEMA)", schema},
        {".mode", "table|json|csv|dot", "Set the output mode (no argument: show it)", mode},
        {".timer", "on|off", "Show how long each statement takes", timer},
        {".read", "FILE", "Run the statements and dot-commands in FILE", read},
        {".import", "FILE | NODES.csv EDGES.csv",
         "Import a dataset (.json, .jsonl) or CSV nodes and edges", import},
        {".export", "FILE [--dot]",
         "Write the database as a JSON dataset, or the last result as Graphviz", exportFile},
        {".param", "NAME [JSON]", "Set parameter $NAME to a JSON value (no value: unset it)",
         param},
        {".params", "", "List the parameters", params},
        {".quit", "", "Leave the shell (also .exit, Ctrl-D)", quit},
        {".exit", "", "Leave the shell", quit},
    };
    return entries;
  }
  static const Entry& find(std::string_view name) {
    for (const auto& e : table())
      if (name == e.name) return e;
    return table().front();
  }
};

std::string dotCommandHelp() {
  std::ostringstream out;
  for (const auto& e : DotCommands::table()) {
    std::string head = std::string(e.name) + (*e.usage ? " " : "") + e.usage;
    out << head << std::string(head.size() < 36 ? 36 - head.size() : 1, ' ') << e.help << '\n';
  }
  return out.str();
}

std::vector<std::string> dotCommandNames() {
  std::vector<std::string> names;
  for (const auto& e : DotCommands::table()) names.push_back(e.name);
  return names;
}

bool Shell::runDotCommand(const std::string& line) {
  std::string_view text = trim(line);
  size_t end = text.find_first_of(" \t");
  std::string_view name = text.substr(0, end);
  std::string_view rest = end == std::string_view::npos ? std::string_view() : text.substr(end);
  for (const auto& e : DotCommands::table())
    if (name == e.name) return e.handler(*this, splitArgs(rest), rest);
  printError(Error(ErrorCode::kArgumentError,
                   "unknown command " + std::string(name) + " (.help lists the commands)"));
  return false;
}

}  // namespace entente::shell
