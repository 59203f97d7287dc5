/* global jQuery, Chart */
// A classic browser script, loaded with a plain <script> tag.

var App = App || {};

App.loadOrders = function (customerId) {
  jQuery.getJSON("/api/orders?customer=" + customerId, function (data) {
    orders = data.orders; // want "implicit-global"
    total = count = 0; // want "implicit-global" "implicit-global"
    for (i = 0; i < orders.length; i++) { // want "implicit-global"
      total += orders[i].amount;
      count++;
    }
    App.renderOrders(orders, total, count);
  });
};

App.renderOrders = function (list, sum, n) {
  html = ""; // want "implicit-global"
  list.forEach(function (order) {
    html += "<li>" + order.id + "</li>";
  });
  document.getElementById("orders").innerHTML = html + "<p>" + n + " orders, " + sum + "</p>";
};

function drawChart(points) {
  var labels = [];
  for (key in points) { // want "implicit-global"
    labels.push(key);
  }
  [first, last] = [labels[0], labels[labels.length - 1]]; // want "implicit-global" "implicit-global"
  chart = new Chart(document.getElementById("chart"), { // want "implicit-global"
    type: "line",
    data: { labels: labels, datasets: [{ data: Object.values(points) }] },
  });
  return { first: first, last: last };
}

// Shared between functions: a global by accident, but other code may rely on it.
function startPolling() {
  pollTimer = setInterval(function () { // want "implicit-global"
    App.loadOrders(currentCustomer);
  }, 5000);
}

function stopPolling() {
  clearInterval(pollTimer);
}

function selectCustomer(id) {
  currentCustomer = id; // want "implicit-global"
  ({ name: customerName, tier } = App.customers[id]); // want "implicit-global" "implicit-global"
  document.title = customerName + " (" + tier + ")";
}

// Reported once per name per function: only the first assignment.
function resetFilters() {
  filter = null; // want "implicit-global"
  if (App.defaultFilter) {
    filter = App.defaultFilter;
  }
  return filter;
}

cache = {}; // want "implicit-global"

jQuery(function () {
  startPolling();
  selectCustomer(1);
  drawChart(cache);
  window.onbeforeunload = stopPolling;
});
