export { ClickHousePanelView } from './ClickHousePanelView';
