// api/import_json.cc — importJson / importJsonText / importJsonLines: read, check every
// record (Dataset), then write all in one transaction. Input size is capped before parsing
// (OpenOptions::max_import_document_bytes) so a huge file or line fails cleanly.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "api/convert.h"
#include "api/database_impl.h"
#include "api/dataset.h"

namespace entente {

using api::fail;
using api::ImportError;
using api::Json;

namespace {

constexpr const char* kFormat = "entente-dataset/1";

void readDocument(const Json& doc, api::Dataset* ds) {
  if (!doc.is_object())
    fail(std::string("expected a JSON object at the top, got ") + api::jsonKind(doc));
  for (const auto& [k, v] : doc.items()) {
    if (k == "format") {
      if (!v.is_string() || v.get<std::string>() != kFormat)
        fail(std::string("format: expected \"") + kFormat + "\", got " + v.dump());
    } else if (k == "relation_types" || k == "entities" || k == "relations") {
      if (!v.is_array()) fail(k + ": expected a list, got " + api::jsonKind(v));
    } else if (v.is_array()) {
      // Other fields are free metadata ("description", "source_document"), but an unknown
      // list is most likely a misspelt "entities" or "relations": refuse it.
      fail("unknown top-level list '" + k + "' (expected relation_types, entities or relations)");
    }
  }
  auto each = [&](const char* key, auto add) {
    if (!doc.contains(key)) return;
    const Json& list = doc[key];
    for (size_t i = 0; i < list.size(); ++i)
      add(list[i], std::string(key) + "[" + std::to_string(i) + "]");
  };
  each("relation_types", [&](const Json& j, const std::string& w) { ds->addRelType(j, w); });
  each("entities", [&](const Json& j, const std::string& w) { ds->addEntity(j, w); });
  each("relations", [&](const Json& j, const std::string& w) { ds->addRelation(j, w); });
}

Error importError(const ImportError& e, std::string_view origin) {
  return Error(e.code(), std::string(origin) + ": " + e.what(), e.detail(), e.line(), e.column());
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

File openFile(const std::string& file) {
  File f(std::fopen(file.c_str(), "rb"));
  if (!f)
    throw ImportError(std::string("cannot read: ") + std::strerror(errno), 0, 0,
                      ErrorCode::kIOError);
  return f;
}

}  // namespace

Expected<Stats> Database::importJsonText(std::string_view json, std::string_view origin) {
  return api::guarded([&]() -> Expected<Stats> {
    try {
      size_t limit = impl_->options.max_import_document_bytes;
      if (json.size() > limit)
        fail("the document is " + api::formatBytes(json.size()) + ", larger than the " +
             api::formatBytes(limit) + " limit");
      api::Dataset ds;
      {
        Json doc = api::parseJson(json);
        readDocument(doc, &ds);
      }
      return ds.apply(*impl_->store);
    } catch (const ImportError& e) {
      return importError(e, origin);
    }
  });
}

Expected<Stats> Database::importJson(const std::string& file) {
  return api::guarded([&]() -> Expected<Stats> {
    std::string text;
    try {
      File f = openFile(file);
      size_t limit = impl_->options.max_import_document_bytes;
      if (std::fseek(f.get(), 0, SEEK_END) == 0) {
        long size = std::ftell(f.get());
        if (size > 0 && static_cast<size_t>(size) > limit)
          fail("the file is " + api::formatBytes(static_cast<size_t>(size)) + ", larger than the " +
               api::formatBytes(limit) + " limit for one JSON document");
        std::rewind(f.get());
      }
      char buf[1 << 16];
      size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) {
        if (text.size() + n > limit)
          fail("the file is larger than the " + api::formatBytes(limit) +
               " limit for one JSON document");
        text.append(buf, n);
      }
      if (std::ferror(f.get())) throw ImportError("read error", 0, 0, ErrorCode::kIOError);
    } catch (const ImportError& e) {
      return importError(e, file);
    }
    return importJsonText(text, file);
  });
}

Expected<Stats> Database::importJsonLines(const std::string& file) {
  return api::guarded([&]() -> Expected<Stats> {
    try {
      File f = openFile(file);
      const size_t limit = impl_->options.max_import_document_bytes;
      api::Dataset ds;
      std::string line;
      int line_no = 1;
      bool too_long = false;
      auto finishLine = [&] {
        if (too_long)
          fail("line " + std::to_string(line_no) + " is longer than the " +
                   api::formatBytes(limit) + " limit",
               line_no);
        size_t start = line.find_first_not_of(" \t\r");
        if (start != std::string::npos) {
          Json j = api::parseJson(line, line_no);
          std::string where = "line " + std::to_string(line_no);
          if (!j.is_object() || j.size() != 1)
            fail(where + ": expected {\"entity\":…}, {\"relation\":…} or {\"relation_type\":…}",
                 line_no);
          auto first = j.begin();
          const std::string kind = first.key();
          const Json& body = first.value();
          try {
            if (kind == "entity")
              ds.addEntity(body, where + ": entity");
            else if (kind == "relation")
              ds.addRelation(body, where + ": relation");
            else if (kind == "relation_type")
              ds.addRelType(body, where + ": relation_type");
            else
              fail(where + ": unknown record kind '" + kind +
                   "' (expected entity, relation or relation_type)");
          } catch (const ImportError& e) {
            throw ImportError(e.what(), line_no, 0, e.code());
          }
        }
        line.clear();
        line_no++;
      };
      char buf[1 << 16];
      size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) {
        const char* p = buf;
        const char* end = buf + n;
        while (p < end) {
          const char* nl =
              static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
          const char* stop = nl ? nl : end;
          // Past the limit the rest of the line is skipped, not kept: memory stays bounded.
          if (!too_long) {
            if (line.size() + static_cast<size_t>(stop - p) > limit) {
              too_long = true;
              line.clear();
              line.shrink_to_fit();
              fail("line " + std::to_string(line_no) + " is longer than the " +
                       api::formatBytes(limit) + " limit",
                   line_no);
            }
            line.append(p, stop);
          }
          if (!nl) break;
          finishLine();
          p = nl + 1;
        }
      }
      if (std::ferror(f.get())) throw ImportError("read error", 0, 0, ErrorCode::kIOError);
      finishLine();
      return ds.apply(*impl_->store);
    } catch (const ImportError& e) {
      return importError(e, file);
    }
  });
}

}  // namespace entente
