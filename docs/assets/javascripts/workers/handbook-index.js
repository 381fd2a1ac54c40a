/* Loading the search index (runs in the handbook's search worker).
 *
 * Material's worker builds its lunr index from search/search_index.json each
 * time a page is opened in full: on a handbook of a thousand pages that is
 * seconds before the first result, after every click on a result.  Material
 * 9.8 has no way to hand it a built index, and its highlighting needs, besides
 * the lunr index, the position table its tokenizer fills while it indexes.
 *
 * So the first page load builds the index as usual and, once the worker is
 * idle, keeps both — the lunr index (lunr's own serialisation) and the
 * position tables — in the browser's IndexedDB, under this site's address and
 * the hash of the build's search index (handbook/search_data.py puts it
 * in handbook-search-data.js).  Every later page load of the same build loads
 * them instead of indexing: the same index, so the same results.  A new build
 * has a new hash and is indexed once again; any storage error means indexing
 * as before.  Nothing leaves the browser.
 *
 * How: Material calls the global `lunr(config)` once, from its Search class,
 * with a function that configures a lunr.Builder (language, tokenizer, fields
 * with extractors that open a position table per document field) and adds the
 * documents.  `lunr` is replaced by a Proxy whose call runs that function on a
 * real Builder; with a stored index, `add` only refills the position tables
 * and the stored lunr index is returned instead of building one.
 */
(function (scope) {
  "use strict";
  var DB = "handbook-search", STORE = "index", VERSION = 1;
  var SAVE_AFTER = 1000; // ms after the index is ready: after the first query, not before it
  var site = new URL("../../../", scope.location.href).href; // the site root, any sub-path

  function request(mode, action) {
    return new Promise(function (resolve, reject) {
      var open = indexedDB.open(DB, VERSION);
      open.onupgradeneeded = function () { open.result.createObjectStore(STORE); };
      open.onerror = function () { reject(open.error); };
      open.onsuccess = function () {
        var db = open.result, store = db.transaction(STORE, mode).objectStore(STORE);
        var req = action(store);
        req.onsuccess = function () { resolve(req.result); db.close(); };
        req.onerror = function () { reject(req.error); db.close(); };
      };
    });
  }

  function load(hash) {
    if (!hash || typeof indexedDB === "undefined") return Promise.resolve(null);
    return request("readonly", function (store) { return store.get(site); })
      .then(function (stored) { return stored && stored.hash === hash && stored.terms ? stored : null; })
      .catch(function () { return null; });
  }

  /* lunr's own serialisation (Index#toJSON) is one JSON document of 40 MB for
   * 1,200 pages, mostly the postings of every term, and parsing it takes longer
   * than an agent should wait.  Stored here instead: each term's postings as
   * its own JSON string, parsed the first time a query needs that term. */
  function serialise(hash, index, tables) {
    var terms = Object.keys(index.invertedIndex).sort();  // the order lunr's TokenSet needs
    return {
      hash: hash,
      fields: index.fields,
      pipeline: index.pipeline.toJSON(),
      terms: terms,
      postings: terms.map(function (term) { return JSON.stringify(index.invertedIndex[term]); }),
      vectors: JSON.stringify(Object.keys(index.fieldVectors).map(function (ref) {
        return [ref, index.fieldVectors[ref].toJSON()];
      })),
      tables: JSON.stringify(tables)
    };
  }

  function restore(lunr, stored) {
    var inverted = Object.create(null);
    stored.terms.forEach(function (term, i) {
      Object.defineProperty(inverted, term, {
        configurable: true, enumerable: true,
        get: function () {
          var posting = JSON.parse(stored.postings[i]);
          Object.defineProperty(inverted, term, { value: posting, enumerable: true, writable: true });
          return posting;
        }
      });
    });
    var vectors = Object.create(null);
    JSON.parse(stored.vectors).forEach(function (pair) { vectors[pair[0]] = new lunr.Vector(pair[1]); });
    return new lunr.Index({
      invertedIndex: inverted, fieldVectors: vectors, tokenSet: lunr.TokenSet.fromArray(stored.terms),
      fields: stored.fields, pipeline: lunr.Pipeline.load(stored.pipeline)
    });
  }

  function save(hash, index, tables) {
    if (!hash || typeof indexedDB === "undefined") return;
    setTimeout(function () {
      try {
        var value = serialise(hash, index, tables);
        request("readwrite", function (store) { return store.put(value, site); }).catch(function () {});
      } catch (error) { /* no space or no storage: index again next time */ }
    }, SAVE_AFTER);
  }

  // What the next call of lunr(config) should do: set by prepare().
  var plan = null;

  function build(lunr, config) {
    var stored = plan && plan.stored, hash = plan && plan.hash;
    plan = null;
    var builder = new lunr.Builder();
    builder.pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);  // as lunr() does
    builder.searchPipeline.add(lunr.stemmer);
    var tables = [];  // one position table per document field that has a value, in indexing order
    var field = builder.field;
    builder.field = function (name, spec) {
      var extract = spec && spec.extractor;
      if (!extract) return field.call(this, name, spec);
      return field.call(this, name, Object.assign({}, spec, {
        extractor: function (doc) {
          var value = extract(doc);  // opens the table as lunr.tokenizer.table
          if (value !== undefined) tables.push(lunr.tokenizer.table);
          return value;
        }
      }));
    };
    if (stored) {
      var next = 0, rowsOf = JSON.parse(stored.tables);
      builder.add = function (doc) {
        var names = Object.keys(this._fields);
        for (var i = 0; i < names.length; i++) {
          var extractor = this._fields[names[i]].extractor;
          if (!extractor || extractor(doc) === undefined) continue;
          var table = lunr.tokenizer.table, rows = rowsOf[next++];
          for (var r = 0; r < rows.length; r++) table[r] = rows[r];
        }
      };
    }
    config.call(builder, builder);
    if (stored && next === rowsOf.length) {
      scope.handbookIndexSource = "stored";
      return restore(lunr, stored);
    }
    if (stored) return build(lunr, config);  // does not fit these documents: index them
    var index = builder.build();
    scope.handbookIndexSource = "built";
    save(hash, index, tables);
    return index;
  }

  /* Before Material's worker sets up its index: look for a stored one. */
  function prepare(hash) {
    return load(hash).then(function (stored) { plan = { hash: hash, stored: stored }; });
  }

  /* Once Material's worker has put its lunr on `self`. */
  function install() {
    var lunr = scope.lunr;
    if (typeof lunr !== "function" || lunr.handbookIndex) return;
    scope.lunr = new Proxy(lunr, {
      apply: function (target, that, args) {
        return plan ? build(target, args[0]) : target.apply(that, args);
      },
      get: function (target, name) { return name === "handbookIndex" ? true : target[name]; }
    });
  }

  scope.handbookIndex = { prepare: prepare, install: install };
})(self);
