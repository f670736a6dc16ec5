import './worker.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { WorkerApp } from './WorkerApp.js';

createRoot(document.getElementById('worker-root')!).render(
  <StrictMode>
    <WorkerApp />
  </StrictMode>,
);
