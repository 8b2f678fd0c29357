// The base styles first: each component's own styles come after them and refine them.
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startPageLanguage } from './i18n/page-language';
import { TrainerProvider } from './state/trainer-provider';

startPageLanguage();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TrainerProvider>
      <App />
    </TrainerProvider>
  </StrictMode>,
);
