// Live pages poll the server. When the polls stop getting through (no signal, server down),
// say so at the top of the page: a CSO or a dispatcher must not trust a page that has quietly
// stopped changing. The banner goes away at the first poll that gets an answer again.
(function () {
  "use strict";
  var lastContact = new Date();

  function isLivePoll(event) {
    var source = event.detail && event.detail.elt;
    var url = source && source.getAttribute && source.getAttribute("hx-get");
    return Boolean(url && url.indexOf("/live") !== -1);
  }

  function clock(date) {
    return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
  }

  function showLost() {
    var banner = document.getElementById("connection-lost");
    if (!banner) return;
    banner.querySelector("[data-last-contact]").textContent = clock(lastContact);
    banner.hidden = false;
  }

  document.addEventListener("htmx:sendError", function (event) {
    if (isLivePoll(event)) showLost();
  });
  document.addEventListener("htmx:responseError", function (event) {
    if (isLivePoll(event)) showLost();
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (!isLivePoll(event) || !event.detail.successful) return;
    lastContact = new Date();
    var banner = document.getElementById("connection-lost");
    if (banner) banner.hidden = true;
  });
})();
