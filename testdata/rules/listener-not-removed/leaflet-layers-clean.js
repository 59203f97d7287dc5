// Leaflet layers and controls that take off in onRemove what onAdd put on
// the map, or that listen only to what they own.
import L from "leaflet";

export const Coordinates = L.Control.extend({
  onAdd(map) {
    this._box = L.DomUtil.create("div", "coords");
    map.on("mousemove", this._show, this);
    L.DomEvent.on(this._box, "click", this._copy, this);
    L.DomEvent.disableClickPropagation(this._box);
    return this._box;
  },
  onRemove(map) {
    map.off("mousemove", this._show, this);
  },
  _show(e) {
    this._box.textContent = e.latlng.toString();
  },
  _copy() {},
});

export const Halo = L.CircleMarker.extend({
  onAdd(map) {
    L.CircleMarker.prototype.onAdd.call(this, map);
    this._map.on("zoomend", this._resize, this);
    this.on("click", this._pulse, this);
  },
  onRemove(map) {
    this._map.off("zoomend", this._resize, this);
    L.CircleMarker.prototype.onRemove.call(this, map);
  },
  _resize() {},
  _pulse() {},
});

// Leaflet binds what getEvents() returns on add and unbinds it on remove.
export const Grid = L.Layer.extend({
  getEvents() {
    return { zoomend: this._redraw, moveend: this._redraw };
  },
  onAdd() {
    this._redraw();
  },
  onRemove() {},
  _redraw() {},
});

// No onRemove: a layer that is never taken off its map again.
export const Watermark = L.Control.extend({
  onAdd(map) {
    map.on("baselayerchange", this._restyle, this);
    return L.DomUtil.create("div");
  },
  _restyle() {},
});
