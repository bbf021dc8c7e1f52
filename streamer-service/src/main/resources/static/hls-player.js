// Plays /radios/<radio>/live.m3u8 in the page's <audio>: with hls.js where Media Source Extensions exist, else with
// the browser's own HLS (Safari, iOS). Shows the title each segment's ID3 TIT2 frame carries.
(function () {
	'use strict';
	const params = new URLSearchParams(window.location.search);
	const radio = params.get('radio');
	const audio = document.getElementById('player');
	const mode = document.getElementById('mode');
	const title = document.getElementById('title');
	if (!radio) {
		mode.textContent = 'nothing: no radio given';
		return;
	}
	let source = '/radios/' + encodeURIComponent(radio) + '/live.m3u8';
	if (params.get('token')) {
		source += '?auth_token=' + encodeURIComponent(params.get('token'));
	}
	// ID3 frames reach the page as cues of a metadata text track (hls.js and native HLS alike).
	audio.textTracks.addEventListener('addtrack', (event) => {
		const track = event.track;
		if (track.kind !== 'metadata') {
			return;
		}
		track.mode = 'hidden';
		track.addEventListener('cuechange', () => {
			for (const cue of Array.from(track.activeCues || [])) {
				if (cue.value && cue.value.key === 'TIT2' && cue.value.data) {
					title.textContent = cue.value.data;
				}
			}
		});
	});
	if (window.Hls && window.Hls.isSupported()) {
		// A radio that just started answers its first playlist only once a whole segment exists.
		const hls = new window.Hls({ manifestLoadingTimeOut: 30000, levelLoadingTimeOut: 30000, fragLoadingTimeOut: 30000 });
		hls.on(window.Hls.Events.FRAG_PARSING_METADATA, (event, data) => {
			audio.dataset.id3Samples = String(Number(audio.dataset.id3Samples || 0) + data.samples.length);
		});
		hls.on(window.Hls.Events.ERROR, (event, data) => {
			if (data.fatal) {
				audio.dataset.error = data.type + ': ' + data.details;
			}
		});
		hls.loadSource(source);
		hls.attachMedia(audio);
		mode.textContent = 'hls.js ' + window.Hls.version;
	}
	else if (audio.canPlayType('application/vnd.apple.mpegurl')) {
		audio.src = source;
		mode.textContent = 'the browser\u2019s own HLS';
	}
	else {
		mode.textContent = 'nothing: this browser plays neither HLS nor Media Source Extensions';
		return;
	}
	audio.play().catch((error) => { audio.dataset.error = String(error); });
}());
