import jsonata from 'jsonata';
for (const e of process.argv.slice(2)) { const a = jsonata(e, {recover:true}).ast(); console.log(e, JSON.stringify(a.errors), JSON.stringify(a).slice(0,300)); }
