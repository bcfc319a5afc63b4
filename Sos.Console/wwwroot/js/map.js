// The console's map (Leaflet, served by the console itself): kiosks coloured by health, open calls and incidents by
// priority, units by status (stale positions faded), the selected incident with lines to its recommended units,
// citizens' phones with their accuracy circle and trail.
// With no base map configured it draws a plain schematic of its own and says so. Every marker carries data-testid and
// an id as DOM attributes, and sosMap.state() tells what is drawn, so tests read the map as a user sees it.
window.sosMap = (() => {
    const maps = new Map();
    const kioskColours = { Online: '#2e7d32', Fault: '#ef6c00', Offline: '#757575' };
    const priorityColours = { 1: '#c62828', 2: '#ef6c00', 3: '#f9a825', 4: '#1565c0', 5: '#757575' };
    const unitColours = {
        Available: '#2e7d32', Dispatched: '#1565c0', EnRoute: '#1565c0', OnScene: '#6a1b9a',
        Busy: '#ef6c00', Break: '#9e9e9e', Off: '#bdbdbd', OutOfService: '#424242',
    };

    // An approximate schematic of Pavlodar: the Irtysh along the west of the city and three districts. Illustrative only.
    const river = [[52.250, 76.915], [52.270, 76.928], [52.288, 76.935], [52.2955, 76.932], [52.310, 76.935], [52.330, 76.950]];
    const districts = [
        { name: 'Central', ring: [[52.276, 76.937], [52.296, 76.934], [52.296, 76.966], [52.276, 76.966]] },
        { name: 'North', ring: [[52.296, 76.934], [52.312, 76.937], [52.312, 76.985], [52.296, 76.985], [52.296, 76.966]] },
        { name: 'South', ring: [[52.262, 76.930], [52.276, 76.937], [52.276, 76.985], [52.262, 76.985]] },
    ];

    function create(elementId, options, page) {
        const element = document.getElementById(elementId);
        if (!element || typeof L === 'undefined') { return false; }
        const map = L.map(element, { zoomControl: true, attributionControl: true, preferCanvas: false })
            .setView([options.latitude, options.longitude], options.zoom);
        if (options.tileUrl) {
            L.tileLayer(options.tileUrl, { maxZoom: 19, attribution: options.attribution || '' }).addTo(map);
        } else {
            element.classList.add('sos-map-schematic');
            L.polyline(river, { color: '#64b5f6', weight: 10, opacity: 0.7, interactive: false }).addTo(map);
            for (const d of districts) {
                L.polygon(d.ring, { color: '#90a4ae', weight: 1, fillOpacity: 0.05, interactive: false })
                    .bindTooltip(d.name, { permanent: true, direction: 'center', className: 'sos-map-district' }).addTo(map);
            }
        }
        const entry = { map, layer: L.layerGroup().addTo(map), page, drawn: [], schematic: !options.tileUrl, fitted: false };
        maps.set(elementId, entry);
        return true;
    }

    function tag(layer, testId, id, extra) {
        const el = layer.getElement && layer.getElement();
        if (el) {
            el.setAttribute('data-testid', testId);
            el.setAttribute('data-id', id);
            for (const [k, v] of Object.entries(extra || {})) { el.setAttribute('data-' + k, String(v)); }
        }
    }

    function update(elementId, layers) {
        const entry = maps.get(elementId);
        if (!entry) { return false; }
        const { map, layer, page } = entry;
        layer.clearLayers();
        entry.drawn = [];
        const add = (item) => { entry.drawn.push(item); };

        for (const k of layers.kiosks || []) {
            const m = L.circleMarker([k.latitude, k.longitude], { radius: 7, color: '#ffffff', weight: 2, fillColor: kioskColours[k.health] || '#757575', fillOpacity: 1 })
                .bindTooltip(k.name).addTo(layer);
            tag(m, 'map-kiosk', k.id, { health: k.health, call: k.hasCall });
            add({ kind: 'kiosk', id: k.id, status: k.health, faded: false });
            if (k.hasCall) {
                const ring = L.circleMarker([k.latitude, k.longitude], { radius: 14, color: '#c62828', weight: 3, fill: false, className: 'sos-map-call' }).addTo(layer);
                tag(ring, 'map-call', k.id, {});
                add({ kind: 'call', id: k.id, status: 'open', faded: false });
            }
        }

        for (const i of layers.incidents || []) {
            const m = L.circleMarker([i.latitude, i.longitude], { radius: i.selected ? 11 : 8, color: '#000000', weight: i.selected ? 3 : 1, fillColor: priorityColours[i.priority] || '#757575', fillOpacity: 0.9 })
                .bindTooltip(i.number + ' · ' + i.label, { permanent: !!i.selected, direction: 'top' }).addTo(layer);
            tag(m, 'map-incident', i.id, { priority: i.priority, status: i.status, selected: !!i.selected });
            add({ kind: 'incident', id: i.id, status: i.status, priority: i.priority, faded: false });
        }

        const selected = (layers.incidents || []).find(i => i.selected);
        for (const u of layers.units || []) {
            if (u.latitude === null || u.latitude === undefined) { continue; }
            const opacity = u.stale ? 0.35 : 1;
            const m = L.circleMarker([u.latitude, u.longitude], { radius: 9, color: '#ffffff', weight: 2, fillColor: unitColours[u.status] || '#424242', fillOpacity: opacity, opacity })
                .bindTooltip(u.id + (u.rank ? ' · ' + u.rank : ''), { permanent: true, direction: 'right', className: u.stale ? 'sos-map-stale' : '' })
                .addTo(layer);
            if (u.canAssign) {
                const box = document.createElement('div');
                const title = document.createElement('div');
                title.textContent = u.id + ' · ' + u.statusText + (u.distance ? ' · ' + u.distance : '');
                const send = document.createElement('button');
                send.textContent = layers.sendText;
                send.className = 'sos-map-send';
                send.setAttribute('data-testid', 'map-assign-unit');
                send.setAttribute('data-unit-id', u.id);
                send.addEventListener('click', () => { map.closePopup(); page.invokeMethodAsync('AssignFromMap', u.id); });
                box.append(title, send);
                m.bindPopup(box);
            }
            tag(m, 'map-unit', u.id, { status: u.status, stale: u.stale, rank: u.rank || 0 });
            add({ kind: 'unit', id: u.id, status: u.status, faded: !!u.stale, rank: u.rank || 0 });
            if (selected && u.rank) {
                L.polyline([[u.latitude, u.longitude], [selected.latitude, selected.longitude]], { color: '#1565c0', weight: 2, dashArray: '6 6', opacity: 0.7, interactive: false }).addTo(layer);
            }
        }

        for (const c of layers.callers || []) {
            // A phone's place is a circle as wide as its accuracy, never a pin: the dispatcher sees how sure it is.
            const trail = (c.trail || []).concat([[c.latitude, c.longitude]]);
            if (trail.length > 1) {
                const line = L.polyline(trail, { color: '#6a1b9a', weight: 3, opacity: 0.6, dashArray: '4 6', interactive: false }).addTo(layer);
                tag(line, 'map-caller-trail', c.id, { points: trail.length });
            }
            const circle = L.circle([c.latitude, c.longitude], { radius: Math.max(c.accuracyMeters, 5), color: '#6a1b9a', weight: 1, fillColor: '#ce93d8', fillOpacity: 0.25, interactive: false }).addTo(layer);
            tag(circle, 'map-caller-accuracy', c.id, { radius: c.accuracyMeters });
            const m = L.circleMarker([c.latitude, c.longitude], { radius: 7, color: '#ffffff', weight: 2, fillColor: '#6a1b9a', fillOpacity: 1 })
                .bindTooltip(c.label, { permanent: true, direction: 'top' }).addTo(layer);
            tag(m, 'map-caller', c.id, { accuracy: c.accuracyMeters, trail: trail.length - 1 });
            add({ kind: 'caller', id: c.id, status: 'open', faded: false, accuracy: c.accuracyMeters, trail: trail.length - 1 });
        }

        if (layers.focus) {
            map.setView([layers.focus.latitude, layers.focus.longitude], Math.max(map.getZoom(), layers.focusZoom || 14));
        }
        return true;
    }

    function state(elementId) {
        const entry = elementId ? maps.get(elementId) : maps.values().next().value;
        if (!entry) { return null; }
        const c = entry.map.getCenter();
        return { schematic: entry.schematic, center: [c.lat, c.lng], zoom: entry.map.getZoom(), markers: entry.drawn };
    }

    function dispose(elementId) {
        const entry = maps.get(elementId);
        if (entry) { entry.map.remove(); maps.delete(elementId); }
    }

    return { create, update, state, dispose };
})();
