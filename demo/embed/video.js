// Stand-in video player: a pretend playback clock, and a note to the host page that it loaded.
(() => {
  'use strict';
  const LENGTH = 180;
  const play = document.querySelector('.player__play');
  const time = document.getElementById('time');
  const progress = document.getElementById('progress');
  const bar = document.querySelector('.player__bar');
  let position = 0;
  let timer = null;

  const render = () => {
    time.textContent = `${Math.floor(position / 60)}:${String(position % 60).padStart(2, '0')}`;
    progress.style.width = `${(position / LENGTH) * 100}%`;
    bar.setAttribute('aria-valuenow', String(position));
  };

  play.addEventListener('click', () => {
    const playing = timer === null;
    play.setAttribute('aria-pressed', String(playing));
    play.setAttribute('aria-label', playing ? 'Пауза' : 'Воспроизвести');
    if (playing) {
      timer = setInterval(() => {
        position = (position + 1) % (LENGTH + 1);
        render();
      }, 1000);
    } else {
      clearInterval(timer);
      timer = null;
    }
  });

  if (window.parent !== window) {
    window.parent.postMessage({ type: 'demo:embed', name: 'video' }, location.origin);
  }
})();
