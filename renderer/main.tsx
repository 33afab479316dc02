// Renderer entry: asks main which language to speak, loads that one catalogue, then
// mounts the React app (so the first screen is never shown in the wrong language).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { followMainLocale } from './i18n';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('missing #root');
// Should the catalogue fail to load, the app still starts (message keys are better than nothing).
void followMainLocale()
  .catch((e: unknown) => console.warn('catalogue not loaded', e))
  .then(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
