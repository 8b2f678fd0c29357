// The base styles first: each component's own styles come after them and refine them.
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { TrainerProvider } from './state/trainer-provider';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TrainerProvider>
      <App />
    </TrainerProvider>
  </StrictMode>,
);
