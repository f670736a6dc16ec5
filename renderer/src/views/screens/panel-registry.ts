import { createElement, type ComponentType } from 'react';
import type { PanelKind, PanelOptions } from '../../../../electron/common/screens.js';
import { AlarmKpiPanel } from './panels/AlarmKpiPanel.js';
import { AlarmListPanel } from './panels/AlarmListPanel.js';
import { CameraGridPanel } from './panels/CameraGridPanel.js';
import { DeviceStatusPanel } from './panels/DeviceStatusPanel.js';
import { EnvironmentPanel } from './panels/EnvironmentPanel.js';
import { HeadcountPanel } from './panels/HeadcountPanel.js';
import { MapPanel } from './panels/MapPanel.js';
import type { PanelProps } from './panels/panel-props.js';
import { ProgressPanel } from '../progress/panels/ProgressPanel.js';
import { QualityPanel } from '../quality/panels/QualityPanel.js';
import { EnvironmentTodayPanel } from '../statistics/panels/EnvironmentTodayPanel.js';
import { EquipmentTodayPanel } from '../statistics/panels/EquipmentTodayPanel.js';
import { SafetyTodayPanel } from '../statistics/panels/SafetyTodayPanel.js';
import { Site3dPanel } from './panels/Site3dPanel.js';

/** Which option editor a panel kind gets in the screen editor. */
export type OptionEditorKind = 'none' | 'devices' | 'cameras' | 'alarm-rows' | 'site3d-view';

/** One kind of panel: its component, its name on screen, its size when added, its options editor. */
export interface PanelEntry {
  kind: PanelKind;
  component: ComponentType<PanelProps>;
  /** Chinese first; the English in `nameEn`. */
  name: string;
  nameEn: string;
  defaultSize: { w: number; h: number };
  options: OptionEditorKind;
  /** For device option editors: which device kind may be chosen. */
  deviceKind?: 'crane' | 'hoist' | 'dust';
}

const Cranes = (props: PanelProps) => createElement(DeviceStatusPanel, { ...props, kind: 'crane' });
const Hoists = (props: PanelProps) => createElement(DeviceStatusPanel, { ...props, kind: 'hoist' });

/**
 * Every panel a screen may hold, a plain list: another area adds its panel with one entry here
 * (and its kind in PANEL_KINDS, electron/common/screens.ts, so the core accepts it on save).
 */
export const PANEL_REGISTRY: readonly PanelEntry[] = [
  { kind: 'site3d', component: Site3dPanel, name: '三维现场', nameEn: '3D site', defaultSize: { w: 12, h: 8 }, options: 'site3d-view' },
  { kind: 'map', component: MapPanel, name: '地图', nameEn: 'Map', defaultSize: { w: 8, h: 6 }, options: 'none' },
  { kind: 'cameras', component: CameraGridPanel, name: '视频监控', nameEn: 'Cameras', defaultSize: { w: 12, h: 4 }, options: 'cameras' },
  { kind: 'alarms', component: AlarmListPanel, name: '报警列表', nameEn: 'Alarm list', defaultSize: { w: 6, h: 6 }, options: 'alarm-rows' },
  { kind: 'cranes', component: Cranes, name: '塔吊状态', nameEn: 'Tower cranes', defaultSize: { w: 6, h: 4 }, options: 'devices', deviceKind: 'crane' },
  { kind: 'hoists', component: Hoists, name: '升降机状态', nameEn: 'Hoists', defaultSize: { w: 6, h: 3 }, options: 'devices', deviceKind: 'hoist' },
  { kind: 'environment', component: EnvironmentPanel, name: '扬尘噪声', nameEn: 'Dust and noise', defaultSize: { w: 6, h: 5 }, options: 'devices', deviceKind: 'dust' },
  { kind: 'headcount', component: HeadcountPanel, name: '在场人数', nameEn: 'Headcount', defaultSize: { w: 6, h: 3 }, options: 'none' },
  { kind: 'alarm-kpis', component: AlarmKpiPanel, name: '报警指标', nameEn: 'Alarm KPIs', defaultSize: { w: 6, h: 3 }, options: 'none' },
  // Other areas' panels take ViewProps and read their own figures.
  { kind: 'safety-today', component: SafetyTodayPanel, name: '今日安全', nameEn: 'Safety today', defaultSize: { w: 6, h: 4 }, options: 'none' },
  { kind: 'environment-today', component: EnvironmentTodayPanel, name: '今日环境', nameEn: 'Environment today', defaultSize: { w: 6, h: 4 }, options: 'none' },
  { kind: 'equipment-today', component: EquipmentTodayPanel, name: '今日设备使用', nameEn: 'Equipment today', defaultSize: { w: 6, h: 4 }, options: 'none' },
  { kind: 'progress', component: ProgressPanel, name: '工程进度', nameEn: 'Progress', defaultSize: { w: 6, h: 4 }, options: 'none' },
  { kind: 'quality', component: QualityPanel, name: '质量巡检', nameEn: 'Quality', defaultSize: { w: 6, h: 4 }, options: 'none' },
];

export function panelEntry(kind: string): PanelEntry | undefined {
  return PANEL_REGISTRY.find((entry) => entry.kind === kind);
}

export type { PanelOptions };
