import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { TrainerProvider } from './trainer-context';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TrainerProvider>
      <App />
    </TrainerProvider>
  </StrictMode>,
);
