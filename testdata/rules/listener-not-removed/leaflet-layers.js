// Leaflet layers and controls whose onRemove leaves listeners on the map
// they leave: the map goes on and keeps each removed layer alive.
import L from "leaflet";

export const ZoomBadge = L.Control.extend({
  onAdd(map) {
    this._el = L.DomUtil.create("div", "zoom-badge");
    map.on("zoomend", this._update, this); // want "listener-not-removed: .zoomend. listener added to map is never removed; call off in onRemove"
    return this._el;
  },
  onRemove() {
    this._el = null;
  },
  _update() {
    this._el.textContent = String(this._map.getZoom());
  },
});

export const Trail = L.Polyline.extend({
  onAdd(map) {
    L.Polyline.prototype.onAdd.call(this, map);
    this._map.on("click", this._extend, this); // want "listener-not-removed: .click. listener added to this._map is never removed; call off in onRemove"
    this._renderer.on("update", this._restyle, this); // want "listener-not-removed: .update. listener added to this._renderer is never removed; call off in onRemove"
  },
  onRemove(map) {
    L.Polyline.prototype.onRemove.call(this, map);
  },
  _extend(e) {
    this.addLatLng(e.latlng);
  },
  _restyle() {},
});
