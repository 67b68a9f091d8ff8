import * as XLSX from '@e965/xlsx';
const wb = XLSX.utils.book_new();
const ws = XLSX.utils.aoa_to_sheet([['Judul'],['a','b','c'],[1,'2',true]]);
ws['A4'] = {t:'n', v:45000, z:'yyyy-mm-dd'};
ws['B4'] = {t:'e', v:0x2A};
ws['C4'] = {t:'n', v:45000.5, z:'m/d/yy h:mm'};
ws['!ref']='A1:C5';
ws['!merges'] = [{s:{r:0,c:0},e:{r:0,c:2}}];
XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([]), 'Kosong');
XLSX.utils.book_append_sheet(wb, ws, 'Data');
XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['x']]), 'Rahasia');
wb.Workbook = {Sheets:[{Hidden:0},{Hidden:0},{Hidden:1}], WBProps:{date1904:true}};
const buf = XLSX.write(wb, {bookType:'biff8', type:'buffer'});
const cfb = XLSX.CFB.read(buf, {type:'buffer'});
console.log(cfb.FullPaths);
const e = XLSX.CFB.find(cfb, 'Workbook');
const c = Buffer.from(e.content);
// walk records
let off=0, recs=[];
while (off < c.length) { const t=c.readUInt16LE(off), l=c.readUInt16LE(off+2); recs.push([off,t.toString(16),l]); off+=4+l; }
console.log(recs.filter(r=>['809','200','85','a','208'].includes(r[1])));
const wb2 = XLSX.read(buf, {type:'buffer', cellNF:true, cellText:false, dense:true});
console.log(wb2.SheetNames, JSON.stringify(wb2.Workbook.Sheets), JSON.stringify(wb2.Workbook.WBProps));
console.log(JSON.stringify(wb2.Sheets.Data['!data']), wb2.Sheets.Kosong['!ref'], JSON.stringify(wb2.Sheets.Kosong['!data']));
// insert ROW record hiding row index 2 (row 3) in sheet Data
const insertAt = 1493;
const row = Buffer.alloc(20);
row.writeUInt16LE(0x0208,0); row.writeUInt16LE(16,2);
row.writeUInt16LE(2,4); row.writeUInt16LE(0,6); row.writeUInt16LE(3,8); row.writeUInt16LE(300,10);
row.writeUInt32LE(0x20 | 0x100 | (15<<16), 16);
const nc = Buffer.concat([c.subarray(0,insertAt), row, c.subarray(insertAt)]);
for (const [o,t] of recs) if (t==='85') { const p = nc.readUInt32LE(o+4); if (p > insertAt) nc.writeUInt32LE(p+20, o+4); }
e.content = nc; e.size = nc.length;
const out = XLSX.CFB.write(cfb, {type:'buffer'});
const wb3 = XLSX.read(out, {type:'buffer', cellNF:true, cellText:false, dense:true});
console.log(JSON.stringify(wb3.Sheets.Data['!rows']), JSON.stringify(wb3.Sheets.Rahasia['!data']), JSON.stringify(wb3.Sheets.Data['!merges']));
