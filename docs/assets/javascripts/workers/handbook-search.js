/* The handbook's search worker: Material's own worker, with a query transform
 * before it and the handbook's result logic after it.
 *
 * overrides/main.html points Material at this file instead of its worker and
 * passes the URLs.  Material's worker registers one "message" listener and
 * answers each query with one postMessage; both are wrapped here:
 *   - each query passes through the transform in handbook-query.js;
 *   - each answer passes through handbook-results.js (order, the answering
 *     section first, safe previews, "not found").
 *   - the index is the one prepared at build time, read in pieces as queries
 *     need them (handbook-prepared.js); without it Material builds its own.
 * This file only loads and wires; scoring within a page and the result format
 * stay Material's.  The result logic's data (search/handbook-answers.js) sits
 * beside the query data; with the prepared index it is read in pieces instead.
 * Lives beside Material's worker so its relative "../lunr" imports still resolve.
 */
(function () {
  "use strict";
  var SETUP = 0; // SearchMessageType.SETUP in Material's worker
  var QUERY = 2; // SearchMessageType.QUERY
  var RESULT = 3; // SearchMessageType.RESULT
  var params = new URL(self.location.href).searchParams;
  var query = params.get("query"), data = params.get("data");
  // The prepared index's documents (titles.json) are read while this worker
  // loads its scripts and the page fetches docs.json; set-up waits for them.
  var titles = params.get("titles") ? fetch(params.get("titles")).then(function (response) {
    if (!response.ok) throw new Error(response.status);
    return response.json();
  }).catch(function () { return null; }) : Promise.resolve(null);
  importScripts(query, new URL("handbook-results.js", query).href, data,
                new URL("handbook-prepared.js", self.location.href).href);
  var transform = self.makeQueryTransform(self.HANDBOOK_SEARCH);
  var results = null;  // made at set-up, once it is known where the answer data comes from

  // The prepared index brings the answer data every query needs and each page's
  // part with its texts; otherwise it is all in search/handbook-answers.js.
  function setup(message, read) {
    var answers = self.handbookPrepared.setup(message.data, data, read);
    if (!answers) {
      importScripts(new URL("handbook-answers.js", data).href);
      answers = self.HANDBOOK_ANSWERS;
    }
    results = self.makeHandbookResults(self.HANDBOOK_SEARCH, answers);
  }

  // One query at a time, the latest first: while a query is answered (it may
  // wait for texts, handbook-prepared.js) an agent types on, and only the query
  // now in the box matters; the ones typed in between are not answered.
  var waiting = null, current = null, listen = null;
  function next() {
    if (current || !waiting) return;
    current = waiting;
    waiting = null;
    listen({ data: { type: QUERY, data: current.query } });
  }
  var post = self.postMessage.bind(self);
  self.postMessage = function (message) {
    if (message && message.type === RESULT && current) {
      var need = self.handbookPrepared.needed();
      if (need) {  // the pages to show have texts not read yet: read them (in parallel), then answer again
        return need.then(function () { listen({ data: { type: QUERY, data: current.query } }); });
      }
      var items = message.data && Array.isArray(message.data.items) ? message.data.items : [];
      message = { type: RESULT, data: Object.assign({}, message.data, { items: results(items, current) }) };
      current = null;
      post(message);
      return next();
    }
    post(message);
  };

  var register = self.addEventListener.bind(self);
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return register(type, listener, options);
    listen = listener;
    return register(type, function (event) {
      var message = event.data;
      if (message && message.type === SETUP) {  // Material sends queries once it has answered this one
        return titles.then(function (read) {
          setup(message, read);
          return listener(event);
        });
      }
      if (message && message.type === QUERY && typeof message.data === "string") {
        waiting = transform(message.data);
        return next();
      }
      return listener(event);
    }, options);
  };
  importScripts(params.get("material"));
  self.handbookPrepared.install(self.makeHandbookResults.RERANK);
})();
