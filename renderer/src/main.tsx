import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { chooseBridge } from './bridge/index';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('Offstream: #root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App bridge={chooseBridge()} />
  </StrictMode>,
);
