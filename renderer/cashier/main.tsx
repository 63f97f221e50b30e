import { createRoot } from 'react-dom/client';
import '../styles/base.css';
import './cashier.css';
import { getBridge } from '../bridge';
import { CashierApp } from './CashierApp';

const root = document.getElementById('root');
if (root) createRoot(root).render(<CashierApp bridge={getBridge('cashier')} />);
