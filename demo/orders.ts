/** The demo's work orders: what an FSM back office would hand to the element. */
export interface WorkOrder {
  serviceTicket: string;
  customer: string;
  location: string;
  tags: string[];
  technician: string;
  window: string;
  priority: 'high' | 'normal' | 'low';
  /** The report's "Problem" area, where the Jonas integration puts the public share link. */
  problem: string;
  lines: Array<{ description: string; qty: number; unit: number }>;
  currency: string;
}

export const ORDERS: WorkOrder[] = [
  {
    serviceTicket: 'WO-10432',
    customer: 'Café Nuñez',
    location: '12 Rue de la Paix, Montréal, QC H2X 1Y4',
    tags: ['rooftop', 'RTU-3', 'no cooling'],
    technician: 'Ana García',
    window: '08:00–10:00',
    priority: 'high',
    problem: 'Rooftop unit RTU-3 not cooling; compressor short-cycling on high head pressure.',
    lines: [
      { description: 'Diagnostic & labour (2 h)', qty: 2, unit: 95 },
      { description: 'Condenser fan motor ½ HP', qty: 1, unit: 212.4 },
    ],
    currency: 'CAD',
  },
  {
    serviceTicket: 'WO-10433',
    customer: 'Müller Kälte GmbH',
    location: 'Königstraße 27, 70173 Stuttgart',
    tags: ['walk-in cooler', 'refrigerant', 'R-448A'],
    technician: 'Jonas Weiß',
    window: '10:30–12:00',
    priority: 'normal',
    problem: 'Walk-in cooler holding at 9 °C; suspected refrigerant leak at the evaporator.',
    lines: [
      { description: 'Leak search & repair', qty: 1.5, unit: 88 },
      { description: 'R-448A refrigerant (kg)', qty: 3, unit: 41.5 },
    ],
    currency: 'EUR',
  },
  {
    serviceTicket: 'WO-10434',
    customer: 'Zakład Mięsny „Świt” sp. z o.o.',
    location: 'ul. Piotrkowska 104, 90-926 Łódź',
    tags: ['freezer', 'alarm'],
    technician: 'Paweł Żak',
    window: '12:30–14:00',
    priority: 'high',
    problem: 'Blast freezer high-temperature alarm overnight; defrost timer stuck.',
    lines: [
      { description: 'Emergency call-out', qty: 1, unit: 450 },
      { description: 'Defrost timer', qty: 1, unit: 189 },
    ],
    currency: 'PLN',
  },
  {
    serviceTicket: 'WO-10435',
    customer: 'Padaria São João & Filhos',
    location: 'Rua Augusta 1508, São Paulo – SP, 01304-001',
    tags: ['boiler', 'annual PM'],
    technician: 'Luís Conceição',
    window: '14:30–16:00',
    priority: 'low',
    problem: 'Annual preventive maintenance on the oven boiler; descale and safety valve check.',
    lines: [
      { description: 'Preventive maintenance visit', qty: 1, unit: 380 },
      { description: 'Descaling kit', qty: 1, unit: 95 },
    ],
    currency: 'BRL',
  },
  {
    serviceTicket: 'WO-10436',
    customer: 'Søren’s Ølbar',
    location: 'Nørrebrogade 52, 2200 København N',
    // A tag with a comma: the element's `tags` attribute takes a JSON array for this.
    tags: ['keg cooler', 'warranty, OEM'],
    technician: 'Mette Højgaard',
    window: '16:30–17:30',
    priority: 'normal',
    problem: 'Keg cooler iced up; warranty claim for the OEM thermostat.',
    lines: [{ description: 'Warranty repair (no charge)', qty: 1, unit: 0 }],
    currency: 'DKK',
  },
];
