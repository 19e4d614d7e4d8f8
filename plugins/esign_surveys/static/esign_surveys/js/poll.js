// Poll block: vote without reloading and keep the results live (JSON endpoint).
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

    function load() {
      fetch(resultsUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data) show(data); })
        .catch(function () {});
    }

    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        })
          .then(function (r) { return r.json(); })
          .then(function (data) {
            show(data);
            message.textContent = data.message;
            message.hidden = false;
            form.hidden = true;
          });
      });
    }
    if (poll.querySelector(".esign-poll-results")) {
      load();
      setInterval(load, 15000);
    }
  });
})();
