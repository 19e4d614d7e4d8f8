// Poll block: vote without reloading and keep the results live (JSON endpoints).
// The block sits on pages that the anonymous page cache serves to everyone, so it carries no
// CSRF token: a fresh one is fetched (uncached endpoint, it also sets the csrftoken cookie)
// right before the vote is posted. If that fails, the form is submitted as it is, which
// leads (GET) to the vote page with a fresh form of its own.
(function () {
  "use strict";
  document.querySelectorAll(".esign-poll").forEach(function (poll) {
    var resultsUrl = poll.dataset.resultsUrl;
    var message = poll.querySelector(".esign-poll-message");
    var form = poll.querySelector(".esign-poll-form");

    function show(data) {
      var list = poll.querySelector(".esign-poll-results");
      if (!list || !data.choices) return;
      data.choices.forEach(function (choice) {
        var item = list.querySelector('[data-value="' + CSS.escape(choice.value) + '"]');
        if (!item) return;
        item.querySelector("meter").max = Math.max(data.total, 1);
        item.querySelector("meter").value = choice.votes;
        item.querySelector(".votes").textContent = choice.votes;
      });
      var total = poll.querySelector(".esign-poll-total .total");
      if (total) total.textContent = data.total;
    }

    function getJson(url) {
      return fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
      }).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      });
    }

    function load() {
      // A query string keeps the request out of the server's anonymous page cache.
      getJson(resultsUrl + "?at=" + Date.now()).then(show).catch(function () {});
    }

    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var body = new FormData(form);
        getJson(poll.dataset.tokenUrl)
          .then(function (data) {
            return fetch(poll.dataset.voteUrl, {
              method: "POST",
              body: body,
              headers: { Accept: "application/json", "X-CSRFToken": data.token },
              credentials: "same-origin",
            });
          })
          .then(function (r) { return r.json(); })
          .then(function (data) {
            show(data);
            message.textContent = data.message;
            message.hidden = false;
            if (data.ok) form.hidden = true;
          })
          .catch(function () { form.submit(); });
      });
    }
    if (poll.querySelector(".esign-poll-results")) {
      load();
      setInterval(load, 15000);
    }
  });
})();
