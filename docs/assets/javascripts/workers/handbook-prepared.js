/* The search index prepared at build time (runs in the handbook's search worker).
 *
 * handbook/search_prepared.py writes Material's lunr index in pieces: the
 * documents without their texts, every term (the manifest) and the answer data
 * every query needs (titles.json, read as the worker starts, handbook-search.js;
 * the documents are expanded here), the postings of runs of adjacent terms
 * (terms/<n>.json) and each page's texts (texts/<n>.json); the main page fetches
 * Material's index without its documents (docs.json, overrides/main.html).  Here Material's
 * own Search class is given a lunr.Index over those pieces instead of the one
 * it would build:
 *   - postings are read when a query first needs a term, synchronously (a
 *     worker may; Material's search is synchronous), a shard at a time;
 *   - each document field's vector is computed from the postings read so far
 *     with lunr's own BM25 formula (Builder#createFieldVectors): lunr's score
 *     is the dot product with the query vector over the query's terms, which
 *     are always read by then, so the score is the one of the full index;
 *   - texts are read for the pages the handbook's result logic looks at (the
 *     first RERANK pages in Material's order), in parallel: Material's answer
 *     without them is dropped and the query asked again once they are read
 *     (handbook-search.js); the position table of each text is filled by
 *     Material's tokenizer, as when it indexes (titles' and tags' tables too,
 *     when a result needs them).  Matches on pages further down are not
 *     highlighted (their text is not shown; Material renders them on scroll).
 * Same postings, term numbers and weights: the same results as the index
 * Material builds (tests/test_search_index.py).  If the pieces cannot be read,
 * the full index is fetched and Material builds its index as usual.
 *
 * How: Material calls the global `lunr(config)` once, from its Search class,
 * with a function that configures a lunr.Builder (language, tokenizer, fields
 * with extractors that open a position table per document field) and adds the
 * documents.  `lunr` is replaced by a Proxy whose call runs that function on a
 * real Builder whose `add` only fills the title and tag tables.
 */
(function (scope) {
  "use strict";
  var plan = null;  // set by setup(): what the next lunr(config) call returns
  var answers = null;  // the result logic's answer data, filled page by page as texts are read
  var need = null;  // pages whose texts the last search lacked (read by needed())

  function readJSON(url) {
    var request = new XMLHttpRequest();
    request.open("GET", url, false);  // synchronous: allowed in a worker, and Material's search is synchronous
    request.send();
    if (request.status !== 200) throw new Error(url + ": HTTP " + request.status);
    return JSON.parse(request.responseText);
  }

  /* Material's documents from titles.json (search_prepared.compact_docs). */
  function expand(titles) {
    var docs = [];
    titles.pages.forEach(function (run) {
      var path = run[0];
      run[1].forEach(function (entry) {
        var title = entry[0], anchor = entry[2];
        var location = anchor === null ? path : path + "#" + (anchor === 0 ? title.replace(/\u200b/g, "") : anchor);
        var doc = { location: location, title: title, text: "" };
        if (entry[1] >= 0) doc.tags = titles.tags[entry[1]];  // shared: Material copies tags before marking them
        docs.push(entry.length > 3 ? Object.assign(doc, entry[3]) : doc);
      });
    });
    return docs;
  }

  /* Before Material's worker sets up its index (the SETUP message's data),
   * with titles.json as read (null if it could not be).  Returns the answer
   * data for handbook-results.js (titles.json's answers: what every query needs; each
   * page's part arrives with its texts), or null where the index is not
   * prepared: the caller then loads search/handbook-answers.js. */
  function setup(data, dataUrl, titles) {
    var hash = data && data.config && data.config.handbook_prepared;
    plan = answers = null;
    if (!hash) return null;
    var search = new URL(".", dataUrl);  // the site's search/ directory, under any sub-path
    var base = new URL("prepared/" + hash + "/", search).href;
    try {
      if (!titles || titles.hash !== hash) throw new Error("titles.json of another build");
      if (!titles.manifest || !titles.answers) throw new Error("titles.json without the manifest or answers");
      data.docs = expand(titles);
      plan = { base: base, manifest: titles.manifest };
      answers = titles.answers;
    } catch (error) {
      // The pieces are not there (a partial copy of the site?): index the full index as Material does.
      plan = answers = null;
      data.docs = readJSON(new URL("search_index.json", search).href).docs;
      scope.handbookIndexSource = "built";
      return null;
    }
    answers.pages = {};
    answers.sections = {};
    return answers;
  }

  function prepared(lunr, config, rerank) {
    var manifest = plan.manifest, base = plan.base, pageAnswers = answers;
    plan = null;
    var builder = new lunr.Builder();
    builder.pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);  // as lunr() does
    builder.searchPipeline.add(lunr.stemmer);
    // Position tables are opened (Material's field extractor) and filled by
    // Material's tokenizer when a result needs them (a few hundred entries),
    // not for every entry at set-up: at 100 times the handbook, opening three
    // tables for each of 40,000 entries took a third of a second.
    var docs = [], boosts = [], filled = [];
    builder.add = function (doc, attributes) {
      docs.push(doc);
      boosts.push((attributes && attributes.boost) || 1);
    };
    config.call(builder, builder);
    var tokenize = builder.tokenizer;
    function fillTable(number, name) {
      var extractor = builder._fields[name].extractor;
      var value = extractor ? extractor(docs[number]) : undefined;  // opens the table as lunr.tokenizer.table
      if (value !== undefined) tokenize(value);
    }
    function fillTables(number) {  // titles and tags; texts when they are read
      if (filled[number]) return;
      filled[number] = true;
      for (var name in builder._fields) if (name !== "text") fillTable(number, name);
    }
    if (builder._b !== 0) throw new Error("prepared index: Material's b(0) expected");
    var fields = Object.keys(builder._fields), k1 = builder._k1, b = builder._b;
    var documentCount = manifest.documents;
    if (docs.length !== documentCount) throw new Error("prepared index: documents differ");

    var terms = manifest.terms, shards = manifest.shards;
    var place = new Map();
    terms.forEach(function (term, i) { place.set(term, i); });
    var postings = Object.create(null);
    var parts = Object.create(null);  // "field/location" -> [[term number, tf, term], ...]
    var loadedShards = Object.create(null);

    function loadShard(n) {
      if (loadedShards[n]) return;
      loadedShards[n] = true;
      var shard = readJSON(base + "terms/" + n + ".json");
      for (var term in shard) {
        var entry = shard[term], posting = Object.create(null);
        posting._index = entry[0];
        for (var f = 0; f < fields.length; f++) {
          var list = entry[f + 1], field = Object.create(null);
          for (var i = 0; i < list.length; i += 2) {
            var location = docs[list[i]].location;
            field[location] = { position: list[i + 1] };
            var ref = fields[f] + "/" + location;
            (parts[ref] || (parts[ref] = [])).push([entry[0], list[i + 1].length, term, list[i]]);
          }
          posting[fields[f]] = field;
        }
        postings[term] = posting;
      }
    }

    function posting(term) {
      if (postings[term]) return postings[term];
      var at = place.get(term);
      if (at === undefined) return undefined;
      var lo = 0, hi = shards.length - 1;  // the last shard starting at or before the term
      while (lo < hi) {
        var mid = (lo + hi + 1) >> 1;
        if (shards[mid] <= at) lo = mid; else hi = mid - 1;
      }
      loadShard(lo);
      return postings[term];
    }

    var invertedIndex = new Proxy(Object.create(null), {
      has: function (target, term) { return place.has(term); },  // Material segments Chinese queries with `in`
      get: function (target, term) { return typeof term === "string" ? posting(term) : undefined; }
    });

    var idfs = Object.create(null), vectors = Object.create(null);
    function vector(ref) {
      var list = parts[ref] || [], kept = vectors[ref];
      if (kept && kept.size === list.length) return kept.vector;
      var field = ref.slice(0, ref.indexOf("/"));
      var fieldBoost = builder._fields[field].boost || 1;
      var sorted = list.slice().sort(function (x, y) { return x[0] - y[0]; });
      var elements = [];
      for (var i = 0; i < sorted.length; i++) {
        var termIndex = sorted[i][0], tf = sorted[i][1], term = sorted[i][2];
        var idf = idfs[term];
        if (idf === undefined) idf = idfs[term] = lunr.idf(postings[term], documentCount);
        // lunr's Builder#createFieldVectors with b = 0 (no field length), same operations in the same order.
        var score = idf * ((k1 + 1) * tf) / (k1 * (1 - b) + tf);
        score *= fieldBoost;
        score *= boosts[sorted[i][3]];
        elements.push(termIndex, Math.round(score * 1000) / 1000);
      }
      var made = new lunr.Vector(elements);
      vectors[ref] = { size: list.length, vector: made };
      return made;
    }
    var fieldVectors = new Proxy(Object.create(null), {
      get: function (target, ref) { return typeof ref === "string" ? vector(ref) : undefined; }
    });

    var index = new lunr.Index({
      invertedIndex: invertedIndex, fieldVectors: fieldVectors, tokenSet: lunr.TokenSet.fromArray(terms),
      fields: fields, pipeline: builder.searchPipeline
    });

    // Pages and their documents, pages numbered in order of first appearance (as in search_prepared.py).
    var pageOf = [], pageDocs = [], pagePaths = [], pageNumber = new Map();
    docs.forEach(function (doc, number) {
      var path = String(doc.location).split("#")[0];
      if (!pageNumber.has(path)) { pageNumber.set(path, pageDocs.length); pageDocs.push([]); pagePaths.push(path); }
      pageOf[number] = pageNumber.get(path);
      pageDocs[pageOf[number]].push(number);
    });
    var docNumber = new Map();
    docs.forEach(function (doc, number) { docNumber.set(doc.location, number); });
    var textsRead = [];

    function useTexts(page, piece) {
      if (textsRead[page]) return;
      textsRead[page] = true;
      pageDocs[page].forEach(function (number, i) {
        docs[number].text = piece.texts[i];
        fillTable(number, "text");
      });
      if (pageAnswers && piece.sections) {  // the page's part of the answer data (search_answers.page_answers)
        pageAnswers.sections[pagePaths[page]] = piece.sections;
        pageAnswers.pages[pagePaths[page]] = { answer: piece.answer };
      }
    }

    /* The pages in the order Material's Search#search lists them: its boosts
     * (a page before its sections, the share of query words matched) applied to
     * lunr's scores, as in Material's source (integrations/search/_/index.ts). */
    function materialPages(query, results) {
      var parsed = new lunr.Query(["title", "text", "tags"]);
      new lunr.QueryParser(query, parsed).parse();
      var clauses = parsed.clauses.filter(function (clause) {
        return clause.presence !== lunr.Query.presence.PROHIBITED;
      }).map(function (clause) {
        var term = clause.term;
        if (term.startsWith("*")) term = term.slice(1);
        if (term.endsWith("*")) term = term.slice(0, -1);
        return term;
      });
      var scored = [];
      results.forEach(function (result) {
        var number = docNumber.get(result.ref);
        if (number === undefined) return;
        var doc = docs[number], open = clauses.slice(), terms = {}, keys = Object.keys(result.matchData.metadata);
        for (var t = 0; t < keys.length; t++)
          for (var c = 0; c < open.length; c++)
            if (keys[t].startsWith(open[c])) { terms[open[c]] = true; open.splice(c--, 1); }
        open.forEach(function (term) { if (lunr.stopWordFilter && lunr.stopWordFilter(term)) terms[term] = false; });
        var boost = +!doc.parent + Object.values(terms).filter(function (x) { return x; }).length / Object.keys(terms).length;
        scored.push({ page: pageOf[number], score: result.score * (1 + Math.pow(boost, 2)), result: result });
      });
      scored.sort(function (x, y) { return y.score - x.score; });  // stable, as Material's
      var pages = [], best = new Map();
      scored.forEach(function (entry) {
        if (!best.has(entry.page)) { best.set(entry.page, entry.result); pages.push(entry.page); }
      });
      return { pages: pages, best: best };
    }

    function readTexts(pages) {  // in parallel; a page that fails to load is shown without its text
      return Promise.all(pages.map(function (page) {
        return fetch(base + "texts/" + page + ".json")
          .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
          .then(function (piece) { useTexts(page, piece); }, function () { textsRead[page] = true; });
      }));
    }

    var search = index.search, asked = null;
    index.search = function (query) {
      var results = asked && asked.query === query ? asked.results : search.call(this, query);
      asked = null;
      var order = materialPages(query, results), pages = order.pages.slice(0, rerank);
      var missing = pages.filter(function (page) { return !textsRead[page]; });
      if (missing.length) {  // nothing for Material to do yet: asked again once the texts are read
        asked = { query: query, results: results };
        need = function () { return readTexts(missing); };
        return [];
      }
      // A page past the first `rerank` is listed by its title alone (handbook-results.js:
      // slim), in the place of its best entry: that entry stands for it, and
      // Material need not copy and highlight every other matching section.
      var shown = new Set(pages);
      results = results.filter(function (result) {
        var number = docNumber.get(result.ref);
        return number === undefined || shown.has(pageOf[number]) || order.best.get(pageOf[number]) === result;
      });
      results.forEach(function (result) {
        var number = docNumber.get(result.ref);
        if (number === undefined) return;
        if (shown.has(pageOf[number])) fillTables(number);
        var metadata = result.matchData.metadata;  // Material would highlight with a table it does not have
        for (var term in metadata) {
          if (!textsRead[pageOf[number]]) delete metadata[term].text;
          if (!filled[number]) for (var field in metadata[term]) if (field !== "text") delete metadata[term][field];
        }
      });
      return results;
    };
    scope.handbookIndexSource = "prepared";
    return index;
  }

  /* Once Material's worker has put its lunr on `self`. */
  function install(rerank) {
    var lunr = scope.lunr;
    if (typeof lunr !== "function" || lunr.handbookPrepared) return;
    scope.lunr = new Proxy(lunr, {
      apply: function (target, that, args) {
        if (!plan) {
          if (!scope.handbookIndexSource) scope.handbookIndexSource = "built";
          return target.apply(that, args);
        }
        return prepared(target, args[0], rerank);
      },
      get: function (target, name) { return name === "handbookPrepared" ? true : target[name]; }
    });
  }

  /* After Material answered: a promise to read the texts it lacked, or null.
   * The caller asks Material again once they are read. */
  function needed() {
    var read = need;
    need = null;
    return read ? read() : null;
  }

  scope.handbookPrepared = { setup: setup, install: install, needed: needed };
})(self);
