/**
 * networking.k8s.io Tables: ingresses (CLASS, HOSTS, ADDRESS, PORTS) and ingressclasses
 * (upstream printIngress, printIngressClass).
 */
import type { Ingress, IngressClass } from '../../api/types.js';
import { ageColumn, ageOf, column, loadBalancerAddresses, nameColumn, nameOf } from './common.js';
import type { Cell, TablePrinter } from './types.js';

/** formatHosts: rule hosts, at most 3 then ` + N more...` (N counts every rule); `*` when none. */
export function ingressHosts(ing: Ingress): string {
  const rules = ing.spec?.rules ?? [];
  const max = 3;
  const list: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (list.length === max) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  const text = list.join(',');
  return more ? `${text} + ${rules.length - max} more...` : text;
}

/** Ingresses: NAME CLASS HOSTS ADDRESS PORTS AGE. */
export const ingressPrinter: TablePrinter<Ingress> = {
  columns: [
    nameColumn(),
    column('Class', 'string', 'IngressClass that implements this ingress.'),
    column('Hosts', 'string', 'Host names the rules match.'),
    column('Address', 'string', 'Load-balancer addresses the controller published.'),
    column('Ports', 'string', 'Ports served: 80, plus 443 when TLS is configured.'),
    ageColumn(),
  ],
  row(ing: Ingress, now: number): Cell[] {
    return [
      nameOf(ing.metadata),
      ing.spec?.ingressClassName ?? '<none>',
      ingressHosts(ing),
      loadBalancerAddresses(ing.status?.loadBalancer?.ingress),
      ing.spec?.tls?.length ? '80, 443' : '80',
      ageOf(ing.metadata, now),
    ];
  },
};

/** IngressClasses: NAME CONTROLLER PARAMETERS AGE; parameters as `Kind[.apiGroup]/name` or `<none>`. */
export const ingressClassPrinter: TablePrinter<IngressClass> = {
  columns: [
    nameColumn(),
    column('Controller', 'string', 'Name of the controller that handles this class.'),
    column('Parameters', 'string', 'Resource holding extra configuration for the controller.'),
    ageColumn(),
  ],
  row(ic: IngressClass, now: number): Cell[] {
    const p = ic.spec?.parameters;
    const params = p ? `${p.kind}${p.apiGroup !== undefined && p.apiGroup !== null ? `.${p.apiGroup}` : ''}/${p.name}` : '<none>';
    return [nameOf(ic.metadata), ic.spec?.controller ?? '', params, ageOf(ic.metadata, now)];
  },
};
