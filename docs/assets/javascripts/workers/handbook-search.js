/* The handbook's search worker: Material's own worker, with a query transform
 * before it and the handbook's result logic after it.
 *
 * overrides/main.html points Material at this file instead of its worker and
 * passes the URLs.  Material's worker registers one "message" listener and
 * answers each query with one postMessage; both are wrapped here:
 *   - each query passes through the transform in handbook-query.js;
 *   - each answer passes through handbook-results.js (order, the answering
 *     section first, safe previews, "not found").
 *   - the index is built by Material, or loaded from the browser's store when
 *     this build's index was built before (handbook-index.js).
 * This file only loads and wires; scoring within a page and the result format
 * stay Material's.  The result logic's data (search/handbook-answers.js) sits
 * beside the query data.
 * Lives beside Material's worker so its relative "../lunr" imports still resolve.
 */
(function () {
  "use strict";
  var SETUP = 0; // SearchMessageType.SETUP in Material's worker
  var QUERY = 2; // SearchMessageType.QUERY
  var RESULT = 3; // SearchMessageType.RESULT
  var params = new URL(self.location.href).searchParams;
  var query = params.get("query"), data = params.get("data");
  importScripts(query, new URL("handbook-results.js", query).href,
                data, new URL("handbook-answers.js", data).href,
                new URL("handbook-index.js", self.location.href).href);
  var transform = self.makeQueryTransform(self.HANDBOOK_SEARCH);
  var results = self.makeHandbookResults(self.HANDBOOK_SEARCH, self.HANDBOOK_ANSWERS);

  // Material answers queries one at a time and in order, so the plan of each
  // query waits here for its result.
  var pending = [];
  var post = self.postMessage.bind(self);
  self.postMessage = function (message) {
    if (message && message.type === RESULT && message.data && Array.isArray(message.data.items)) {
      var plan = pending.shift();
      message = { type: RESULT, data: Object.assign({}, message.data, { items: results(message.data.items, plan) }) };
    }
    post(message);
  };

  var register = self.addEventListener.bind(self);
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return register(type, listener, options);
    return register(type, function (event) {
      var message = event.data;
      if (message && message.type === SETUP) {  // a stored index, if any (handbook-index.js)
        return self.handbookIndex.prepare(self.HANDBOOK_SEARCH.index).then(function () { return listener(event); });
      }
      if (message && message.type === QUERY && typeof message.data === "string") {
        var plan = transform(message.data);
        pending.push(plan);
        return listener({ data: { type: QUERY, data: plan.query } });
      }
      return listener(event);
    }, options);
  };
  importScripts(params.get("material"));
  self.handbookIndex.install();
})();
