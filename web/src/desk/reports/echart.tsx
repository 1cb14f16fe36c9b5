import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { type ECharts, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartSpec } from './chart-options.ts';

// Only what the reports draw: this module is imported by the lazy reports page alone.
use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/**
 * One chart: the canvas is an image to assistive technology, labelled with a
 * summary of its figures, and the same figures follow in a table.
 */
export function EChart({ title, summary, rowHeader, spec }: { title: string; summary: string; rowHeader: string; spec: ChartSpec }) {
  const { t } = useTranslation('reports');
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | undefined>(undefined);

  useEffect(() => {
    const container = element.current;
    if (!container) return;
    const instance = init(container, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(container);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, []);

  // A new option (new figures, or the same in another language) replaces the old one entirely.
  useEffect(() => {
    chart.current?.setOption(spec.option, { notMerge: true });
  }, [spec]);

  return (
    <figure className="report-chart">
      <figcaption>
        <h3>{title}</h3>
      </figcaption>
      <div ref={element} className="chart" role="img" aria-label={summary} />
      <details>
        <summary>{t('charts.dataTable')}</summary>
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{rowHeader}</th>
              {spec.table.columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {spec.table.rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                {row.cells.map((cell, i) => (
                  <td key={i}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
