// A patrol unit's page: the browser's own position, sent to Sos while the page is open. A fix is sent when the unit
// moved 15 m or more, or every 15 s while it stands still, so the dispatcher's map never shows it stale.
window.sosPatrol = (() => {
    let watch = null;
    let last = null;

    function start(page) {
        stop();
        if (!('geolocation' in navigator)) {
            page.invokeMethodAsync('PositionFailed', 'unsupported');
            return false;
        }
        watch = navigator.geolocation.watchPosition(p => {
            const moved = last ? distance(last.coords, p.coords) : Infinity;
            if (!last || moved >= 15 || p.timestamp - last.timestamp >= 15000) {
                last = p;
                page.invokeMethodAsync('PositionChanged', p.coords.latitude, p.coords.longitude, p.coords.accuracy ?? null, p.timestamp);
            }
        }, e => page.invokeMethodAsync('PositionFailed', e.code === 1 ? 'denied' : 'unavailable'),
        { enableHighAccuracy: true, maximumAge: 5000, timeout: 30000 });
        return true;
    }

    function stop() {
        if (watch !== null) {
            navigator.geolocation.clearWatch(watch);
            watch = null;
        }
        last = null;
    }

    function distance(a, b) {
        const r = 6371008.8, rad = Math.PI / 180;
        const dLat = (b.latitude - a.latitude) * rad, dLon = (b.longitude - a.longitude) * rad;
        const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
        return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    return { start, stop };
})();
