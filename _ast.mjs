import jsonata from 'jsonata';
for (const e of process.argv.slice(2)) {
  try { console.log(e, '=>', JSON.stringify(jsonata(e).ast())); } catch (err) { console.log(e, 'ERR', JSON.stringify(err), err.message); }
}
