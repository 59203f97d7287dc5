interface Report {
  id: string;
  items: { total: number }[];
}

// One dashboard for the whole page; its callbacks live as long as the page.
class Dashboard {
  private onRefresh?: () => void;
  private totals: number[] = [];

  async load(url: string) {
    const res = await fetch(url);
    const report: Report = await res.json();
    this.totals = report.items.map((i) => i.total);
    this.onRefresh = () => this.render(report.id); // want "closure-retains-large-value"
  }

  render(id: string) {
    console.log(id, this.totals);
  }
}

export default new Dashboard();

// A class created per use is not long-lived: not reported.
export class ReportView {
  private onRefresh?: () => void;

  async load(url: string) {
    const res = await fetch(url);
    const report: Report = await res.json();
    this.onRefresh = () => console.log(report.id);
  }
}
