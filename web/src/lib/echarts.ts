import { BarChart, HeatmapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/**
 * The parts of ECharts the app draws with, registered once. Only these are bundled. SVG rather
 * than canvas: the few bars and cells here render crisply, print well, and their labels are text
 * a screen reader or a test can read.
 */
use([BarChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

/** One calm colour per compared jurisdiction, in the order they were picked. */
export const JURISDICTION_COLORS = ['#1f5f8b', '#c2772b', '#2e7d4f', '#7b4f9d', '#b23a48', '#5b6877'];

export const CHART_FONT = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
